-- V006: application-consistent backups: how each snapshot was made consistent, and database
-- dumps kept as snapshots of their own.
--
-- Applied by org.claimback.catalog.Migrations inside one BEGIN IMMEDIATE transaction, which then
-- sets PRAGMA user_version = 6. Never edit this file once released: add V007__what.sql instead.
-- The conventions of V001 hold.

-- How a volume snapshot was made consistent: the methods used, joined with '+', each one of
-- fs-snapshot | sqlite-online-backup | hook | none (e.g. 'hook+sqlite-online-backup').
-- NULL for snapshots taken before V006 (they were plain copies of the live files).
ALTER TABLE snapshots ADD COLUMN consistency TEXT;
-- The same for a backup run (also when it made no snapshot, e.g. a before-hook failed).
ALTER TABLE runs ADD COLUMN consistency TEXT;

-- A streamed dump (`dumps:` of a claim): one restic snapshot of a producer's standard output,
-- tagged claimback-dump (never claimback, so volume retention, restores and rebuilds of volume
-- snapshots never see it). A dump whose producer failed, timed out or wrote nothing is recorded
-- 'failed' with the snapshot restic saved of it, until that snapshot is forgotten ('forgotten').
CREATE TABLE dumps (
    id          INTEGER PRIMARY KEY,
    restic_id   TEXT    UNIQUE,              -- NULL when restic saved nothing
    short_id    TEXT,
    claim_id    INTEGER NOT NULL REFERENCES claims (id),
    run_id      INTEGER REFERENCES runs (id),
    name        TEXT    NOT NULL,            -- the dumps[].name of the config, also the file name in the snapshot
    time        TEXT    NOT NULL,
    host        TEXT    NOT NULL,
    bytes       INTEGER NOT NULL DEFAULT 0,  -- bytes the producer wrote
    state       TEXT    NOT NULL,            -- ok | failed | forgotten
    error       TEXT
);

CREATE INDEX dumps_by_claim ON dumps (claim_id, name, time DESC);
CREATE INDEX dumps_by_state ON dumps (state);
