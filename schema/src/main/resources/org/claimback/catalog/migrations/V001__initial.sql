-- V001: the first catalogue schema.
--
-- Applied by org.claimback.catalog.Migrations inside one BEGIN IMMEDIATE transaction, which then
-- sets PRAGMA user_version = 1. Never edit this file once released: add V002__what.sql instead.
--
-- Conventions
-- * Timestamps are ISO-8601 UTC text with exactly nine fraction digits
--   (2024-05-01T10:00:00.000000000Z), so that text order is time order.
-- * Enumerated values (mapped_by, state, kind, trigger, layout) are checked by the Java code, not
--   by CHECK constraints: SQLite can only change a CHECK by rebuilding the table.
-- * Nothing is ever deleted by claimback: volumes that disappear become state 'missing'.

-- Marks the file as a claimback catalogue ('clmb'), so another program's database is refused.
PRAGMA application_id = 1668050274;

-- A claim: namespace/name of a PVC, identified by its claim key '<namespace>-<name>', which stays
-- the same across cluster rebuilds even when the namespace/name split is unknown (both NULL).
CREATE TABLE claims (
    id          INTEGER PRIMARY KEY,
    claim_key   TEXT    NOT NULL UNIQUE,
    namespace   TEXT,
    name        TEXT,
    mapped_by   TEXT    NOT NULL,            -- name | inventory | manual
    first_seen  TEXT    NOT NULL,
    last_seen   TEXT    NOT NULL,
    CHECK ((namespace IS NULL) = (name IS NULL))
);

-- The possible namespace/name splits of an ambiguous claim key.
CREATE TABLE claim_candidates (
    claim_id    INTEGER NOT NULL REFERENCES claims (id),
    namespace   TEXT    NOT NULL,
    name        TEXT    NOT NULL,
    PRIMARY KEY (claim_id, namespace, name)
) WITHOUT ROWID;

CREATE INDEX claim_candidates_by_name ON claim_candidates (namespace, name);

-- A volume: one PV directory on disk, under one export root.
CREATE TABLE volumes (
    id          INTEGER PRIMARY KEY,
    claim_id    INTEGER NOT NULL REFERENCES claims (id),
    export_root TEXT    NOT NULL,
    path        TEXT    NOT NULL UNIQUE,
    pv_name     TEXT,
    layout      TEXT    NOT NULL,
    state       TEXT    NOT NULL,            -- live | archived | missing
    is_current  INTEGER NOT NULL DEFAULT 0 CHECK (is_current IN (0, 1)),
    first_seen  TEXT    NOT NULL,
    last_seen   TEXT    NOT NULL
);

CREATE INDEX volumes_by_claim ON volumes (claim_id);
CREATE INDEX volumes_by_pv ON volumes (pv_name);
CREATE INDEX volumes_by_export_root ON volumes (export_root);
-- At most one current volume per claim.
CREATE UNIQUE INDEX volumes_one_current_per_claim ON volumes (claim_id) WHERE is_current = 1;

-- A run: one backup, restore, check or retention job.
-- process_id/process_started_at identify the process that started the run, so that a run whose
-- process is gone can be told from one that is still running in another process.
CREATE TABLE runs (
    id                 INTEGER PRIMARY KEY,
    kind               TEXT    NOT NULL,     -- backup | restore | check | retention
    claim_id           INTEGER REFERENCES claims (id),
    volume_id          INTEGER REFERENCES volumes (id),
    host               TEXT    NOT NULL,
    "trigger"          TEXT    NOT NULL,     -- cli | schedule
    started_at         TEXT    NOT NULL,
    ended_at           TEXT,
    state              TEXT    NOT NULL,     -- running | ok | partial | failed | interrupted
    error              TEXT,
    snapshot_id        TEXT,
    process_id         INTEGER,
    process_started_at TEXT
);

CREATE INDEX runs_by_claim ON runs (claim_id, started_at DESC);
CREATE INDEX runs_by_state ON runs (state);
CREATE INDEX runs_by_start ON runs (started_at DESC);

-- A snapshot: one restic snapshot of one volume.
CREATE TABLE snapshots (
    id               INTEGER PRIMARY KEY,
    restic_id        TEXT    NOT NULL UNIQUE, -- as restic reported it: full id, or the short id on restic 0.14
    short_id         TEXT    NOT NULL,        -- the first 8 characters of the id
    claim_id         INTEGER NOT NULL REFERENCES claims (id),
    volume_id        INTEGER REFERENCES volumes (id),
    run_id           INTEGER REFERENCES runs (id),
    time             TEXT    NOT NULL,
    host             TEXT    NOT NULL,
    source_path      TEXT    NOT NULL,
    tags             TEXT    NOT NULL,        -- JSON array of strings, in restic's order
    partial          INTEGER NOT NULL CHECK (partial IN (0, 1)),
    files_new        INTEGER NOT NULL DEFAULT 0,
    files_changed    INTEGER NOT NULL DEFAULT 0,
    files_unmodified INTEGER NOT NULL DEFAULT 0,
    files_total      INTEGER NOT NULL DEFAULT 0,
    bytes_total      INTEGER NOT NULL DEFAULT 0,
    bytes_added      INTEGER NOT NULL DEFAULT 0
);

CREATE INDEX snapshots_by_claim ON snapshots (claim_id, time DESC);
CREATE INDEX snapshots_by_short_id ON snapshots (short_id);
