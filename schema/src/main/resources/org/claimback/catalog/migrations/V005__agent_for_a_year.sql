-- V005: the agent left alone for a year: skipped unchanged volumes, the shrink guard, retention,
-- repository checks and their counts.
--
-- Applied by org.claimback.catalog.Migrations inside one BEGIN IMMEDIATE transaction, which then
-- sets PRAGMA user_version = 5. Never edit this file once released: add V006__what.sql instead.
-- The conventions of V001 hold.
--
-- runs.kind gains 'prune' (restic prune of the whole repository); 'retention' is one claim's
-- restic forget, 'check' one restic check. runs.state gains 'skipped-unchanged' (the volume's
-- fingerprint matched its last good backup: no restic ran, snapshot_id names the snapshot that
-- still covers it) and 'suspicious' (the shrink guard fired). Both checked in Java.

-- What restic added to the repository for a backup run, so that the added-bytes counter never
-- goes down when retention forgets snapshot rows.
ALTER TABLE runs ADD COLUMN bytes_added INTEGER;
-- More than one line about a run: retention's decisions, a check's findings. NULL when none.
ALTER TABLE runs ADD COLUMN detail TEXT;
-- Problems a repository check found (0 when clean); NULL for other kinds or when it did not finish.
ALTER TABLE runs ADD COLUMN problems INTEGER;

-- Each volume's fingerprint (a scan of paths, types, sizes, mtimes, ctimes, inodes, modes and
-- owners) taken just before its last good backup, and the snapshot that backup made. A later scan
-- with the same fingerprint means restic would find nothing new.
CREATE TABLE fingerprints (
    volume_id   INTEGER PRIMARY KEY REFERENCES volumes (id),
    fingerprint TEXT    NOT NULL,            -- hex digest of the scan
    files       INTEGER NOT NULL,            -- entries scanned (all types)
    bytes       INTEGER NOT NULL,            -- bytes of the regular files scanned
    snapshot_id TEXT    NOT NULL,            -- the restic id of the snapshot made right after the scan
    taken_at    TEXT    NOT NULL
);

-- The shrink guard's findings: a claim whose volume became empty or far smaller than its last
-- good snapshot. While one is not accepted, retention keeps every snapshot of the claim taken
-- before detected_at. `claimback accept CLAIM` sets accepted_at; rows are never deleted.
CREATE TABLE shrinks (
    id          INTEGER PRIMARY KEY,
    claim_id    INTEGER NOT NULL REFERENCES claims (id),
    detected_at TEXT    NOT NULL,
    run_id      INTEGER REFERENCES runs (id),
    snapshot_id TEXT,                        -- the suspicious snapshot, NULL when the volume was empty
    reason      TEXT    NOT NULL,
    accepted_at TEXT
);

CREATE INDEX shrinks_pending ON shrinks (claim_id) WHERE accepted_at IS NULL;
