-- V002: PV inventories and the mapping memory.
--
-- Applied by org.claimback.catalog.Migrations inside one BEGIN IMMEDIATE transaction, which then
-- sets PRAGMA user_version = 2. Never edit this file once released: add V003__what.sql instead.
-- The conventions of V001 hold: fixed-width UTC text timestamps, enumerated values checked by the
-- Java code, nothing deleted by claimback.
--
-- claims.mapped_by gains the value 'none' (checked in Java, so no table change): a claim known
-- only by a provisional key, e.g. a csi-driver-nfs volume 'pvc-<uuid>' before any inventory names
-- its claim.

-- The cluster's PersistentVolume objects, as the newest inventory file that listed each one said,
-- and the local directory claimback matched it to. One row per PV name; a PV that leaves the
-- inventory keeps its row (last_seen tells when it was last listed).
CREATE TABLE inventory_pvs (
    id              INTEGER PRIMARY KEY,
    pv_name         TEXT    NOT NULL UNIQUE,
    claim_namespace TEXT,                    -- spec.claimRef, NULL while unbound
    claim_name      TEXT,
    claim_uid       TEXT,
    storage_class   TEXT,
    capacity        TEXT,                    -- spec.capacity.storage as written, e.g. 10Gi
    access_modes    TEXT    NOT NULL,        -- JSON array of strings
    reclaim_policy  TEXT,
    phase           TEXT,                    -- status.phase: Available | Bound | Released | Failed
    provisioned_by  TEXT,                    -- annotation pv.kubernetes.io/provisioned-by
    nfs_server      TEXT,                    -- spec.nfs.server, or the csi 'server' attribute
    nfs_path        TEXT,                    -- the directory as the server exports it
    csi_share       TEXT,                    -- csi volumeAttributes share / subdir
    csi_subdir      TEXT,
    volume_handle   TEXT,                    -- spec.csi.volumeHandle
    local_path      TEXT,                    -- the directory on this server, NULL when not matched
    source          TEXT    NOT NULL,        -- the inventory file it was last read from
    first_seen      TEXT    NOT NULL,
    last_seen       TEXT    NOT NULL,
    CHECK ((claim_namespace IS NULL) = (claim_name IS NULL))
);

CREATE INDEX inventory_pvs_by_local_path ON inventory_pvs (local_path);
CREATE INDEX inventory_pvs_by_claim ON inventory_pvs (claim_namespace, claim_name);

-- The memory: every mapping of a volume directory to a claim that claimback ever learned, where
-- from and when. After the cluster is gone this is all there is, so rows are only ever added or
-- confirmed again, never changed to say something else and never deleted.
CREATE TABLE mappings (
    id             INTEGER PRIMARY KEY,
    path           TEXT    NOT NULL,         -- the volume directory on this server
    pv_name        TEXT,
    namespace      TEXT    NOT NULL,
    name           TEXT    NOT NULL,
    source         TEXT    NOT NULL,         -- inventory | name | manual
    detail         TEXT,                     -- e.g. the inventory file, or "claimback claims map"
    first_learned  TEXT    NOT NULL,
    last_confirmed TEXT    NOT NULL,
    UNIQUE (path, source, namespace, name)
);

CREATE INDEX mappings_by_path ON mappings (path, last_confirmed DESC);
CREATE INDEX mappings_by_claim ON mappings (namespace, name);
