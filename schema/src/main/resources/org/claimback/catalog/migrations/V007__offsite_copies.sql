-- V007: offsite copies. Which copy repositories (config `copies[].name`) hold each snapshot of the
-- primary repository, and under which id there (restic copy gives every copied snapshot a new id,
-- and records the primary's in its `original` field).
--
-- Applied by org.claimback.catalog.Migrations inside one BEGIN IMMEDIATE transaction, which then
-- sets PRAGMA user_version = 7. Never edit this file once released: add V008__what.sql instead.
-- The conventions of V001 hold. Copy runs are runs of kind 'copy' (claim_id NULL).

CREATE TABLE snapshot_copies (
    restic_id       TEXT    NOT NULL,   -- the snapshot in the primary, as the catalogue stores it
                                        -- (snapshots.restic_id, dumps.restic_id or a catalogue copy's id)
    copy_name       TEXT    NOT NULL,   -- copies[].name of the config
    copy_restic_id  TEXT    NOT NULL,   -- its full id in the copy repository
    time            TEXT    NOT NULL,   -- the snapshot's own time (the same in both repositories)
    copied_at       TEXT    NOT NULL,   -- when claimback saw it in the copy
    run_id          INTEGER REFERENCES runs (id),
    PRIMARY KEY (restic_id, copy_name)
) WITHOUT ROWID;

CREATE INDEX snapshot_copies_by_copy ON snapshot_copies (copy_name, time DESC);
CREATE UNIQUE INDEX snapshot_copies_by_copy_id ON snapshot_copies (copy_name, copy_restic_id);
