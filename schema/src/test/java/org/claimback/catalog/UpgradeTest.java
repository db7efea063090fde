package org.claimback.catalog;

import static org.claimback.catalog.Fixtures.at;
import static org.claimback.catalog.Fixtures.sqlText;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A catalogue written by a claimback that knew only V001 opens under this one with its data intact. */
class UpgradeTest {

    private static final String PV = "pvc-0b7c1f9e-3a52-4d8e-9c61-2f4b8a1d7e35";
    private static final String DIR = "/srv/nfs/k8s/default-data-" + PV;
    private static final String SNAPSHOT = "4f3a2b1c9d8e7f6a5b4c3d2e1f0a9b8c7d6e5f4a3b2c1d0e9f8a7b6c5d4e3f2a";

    @TempDir
    Path dir;

    /** Writes a V001 catalogue with one claim of each kind, a volume, a finished run and a snapshot. */
    private static void writeVersion1(Path file) throws Exception {
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + file);
             Statement statement = connection.createStatement()) {
            statement.execute("PRAGMA journal_mode = WAL");
            statement.executeUpdate(Migrations.sql(1));
            statement.execute("PRAGMA user_version = 1");
            statement.executeUpdate("""
                    INSERT INTO claims (id, claim_key, namespace, name, mapped_by, first_seen, last_seen) VALUES
                        (1, 'default-data', 'default', 'data', 'name',
                            '2024-05-01T10:00:00.000000000Z', '2024-05-02T10:00:00.000000000Z'),
                        (2, 'default-test-claim', NULL, NULL, 'name',
                            '2024-05-01T10:00:00.000000000Z', '2024-05-01T10:00:00.000000000Z');
                    INSERT INTO claim_candidates (claim_id, namespace, name) VALUES
                        (2, 'default', 'test-claim'), (2, 'default-test', 'claim');
                    INSERT INTO volumes (id, claim_id, export_root, path, pv_name, layout, state, is_current,
                                         first_seen, last_seen) VALUES
                        (1, 1, '/srv/nfs/k8s', '%s', '%s', 'nfs-subdir', 'live', 1,
                            '2024-05-01T10:00:00.000000000Z', '2024-05-02T10:00:00.000000000Z');
                    INSERT INTO runs (id, kind, claim_id, volume_id, host, "trigger", started_at, ended_at, state,
                                      error, snapshot_id, process_id, process_started_at) VALUES
                        (1, 'backup', 1, 1, 'nfs1', 'schedule', '2024-05-01T10:00:00.000000000Z',
                            '2024-05-01T10:00:05.000000000Z', 'ok', NULL, '%s', 4242, NULL);
                    INSERT INTO snapshots (id, restic_id, short_id, claim_id, volume_id, run_id, time, host,
                        source_path, tags, partial, files_new, files_changed, files_unmodified, files_total,
                        bytes_total, bytes_added) VALUES
                        (1, '%s', '4f3a2b1c', 1, 1, 1, '2024-05-01T10:00:01.000000000Z', 'nfs1', '%s',
                            '["claimback","claim-key=default-data"]', 0, 3, 0, 0, 3, 300, 300);
                    """.formatted(DIR, PV, SNAPSHOT, SNAPSHOT, DIR));
        }
    }

    @Test
    void should_upgrade_a_version_1_catalogue_and_keep_its_data() throws Exception {
        Path file = dir.resolve("catalog.db");
        writeVersion1(file);
        assertEquals("1", sqlText(file, "PRAGMA user_version"));

        try (Catalog catalog = Catalog.open(file)) {
            assertEquals(Migrations.latest(), catalog.schemaVersion());
            assertEquals(List.of("default-data", "default-test-claim"),
                    catalog.claims().stream().map(ClaimRecord::claimKey).toList());
            ClaimRecord ambiguous = catalog.claimByKey("default-test-claim").orElseThrow();
            assertEquals(List.of(new Candidate("default", "test-claim"), new Candidate("default-test", "claim")),
                    ambiguous.candidates());
            VolumeRecord volume = catalog.volumeByPath(DIR).orElseThrow();
            assertEquals(new VolumeRecord(1, 1, "/srv/nfs/k8s", DIR, PV, "nfs-subdir", "live", true,
                    at(0), at(24 * 60)), volume);
            assertEquals("ok", catalog.runById(1).orElseThrow().state());
            SnapshotRecord snapshot = catalog.snapshotByResticId("4f3a2b1c").orElseThrow();
            assertEquals(List.of("claimback", "claim-key=default-data"), snapshot.tags());
            assertEquals(300, snapshot.bytesTotal());

            // and the new tables work on the upgraded file
            catalog.rememberMapping(DIR, PV, "default", "data", "name", "directory name", at(60));
            assertEquals(1, catalog.mappingsAt(DIR).size());
            assertEquals(List.of(), catalog.inventoryPvs());
            ClaimRecord provisional = catalog.upsertClaim(PV, null, null, "none", List.of(), at(60));
            assertEquals("none", provisional.mappedBy());
        }
        assertEquals(String.valueOf(Migrations.latest()), sqlText(file, "PRAGMA user_version"));
        assertTrue(sqlText(file, "SELECT sql FROM sqlite_schema WHERE name = 'mappings'").contains("UNIQUE"));
    }
}
