-- V004: restores and drills measured, suspicious snapshots, snapshots rebuilt from the repository.
--
-- Applied by org.claimback.catalog.Migrations inside one BEGIN IMMEDIATE transaction, which then
-- sets PRAGMA user_version = 4. Never edit this file once released: add V005__what.sql instead.
-- The conventions of V001 hold.
--
-- runs.kind gains 'drill' (a rehearsed restore into a scratch directory) and 'catalog-backup' (a
-- copy of this catalogue stored in the repository); checked in Java.

-- Where a restore or drill wrote, and how much it put there (NULL for other kinds, or when the run
-- failed before counting).
ALTER TABLE runs ADD COLUMN target TEXT;
ALTER TABLE runs ADD COLUMN files  INTEGER;
ALTER TABLE runs ADD COLUMN bytes  INTEGER;

-- A snapshot flagged by the shrink guard (far smaller than the one before it): restores never
-- choose it unless asked, and retention keeps what came before it until a person accepts it.
ALTER TABLE snapshots ADD COLUMN suspicious INTEGER NOT NULL DEFAULT 0 CHECK (suspicious IN (0, 1));

-- 0 when files_total/bytes_total are not known: a snapshot rebuilt from the repository by restic
-- older than 0.17, whose `snapshots --json` has no summary. Restores count such a snapshot with
-- `restic ls` instead of trusting zeros.
ALTER TABLE snapshots ADD COLUMN totals_known INTEGER NOT NULL DEFAULT 1 CHECK (totals_known IN (0, 1));

CREATE INDEX runs_by_kind ON runs (kind, claim_id, started_at DESC);
