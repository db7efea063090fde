package org.claimback.schedule;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.claimback.catalog.RunRecord;
import org.claimback.config.ConfigLoader;
import org.claimback.engine.Engine;
import org.claimback.restic.Snapshot;
import org.claimback.restic.SnapshotFilter;
import org.claimback.testing.ResticBinaries;
import org.claimback.testing.TestSetup;
import org.claimback.testing.VolumeTrees;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The scheduled backup of all volumes, run directly instead of waiting for cron. */
class BackupAllJobTest {
    @TempDir
    Path tmp;

    @Test
    void should_copy_the_catalogue_into_the_repository_after_backing_up_every_volume() throws Exception {
        TestSetup setup = TestSetup.create(tmp, ResticBinaries.v018());
        Path data = setup.export().newVolume("default", "web");
        VolumeTrees.write(data.resolve("index.html"), "hello".getBytes());

        try (Engine engine = Engine.open(ConfigLoader.load(setup.config()))) {
            new BackupAllJob(engine).execute(null);

            List<RunRecord> backups = engine.catalog().runsOfKind("backup", null, 10);
            assertEquals(1, backups.size(), backups::toString);
            assertEquals("ok", backups.get(0).state(), backups::toString);
            List<RunRecord> copies = engine.catalog().runsOfKind("catalog-backup", null, 10);
            assertEquals(1, copies.size(), copies::toString);
            RunRecord copy = copies.get(0);
            assertEquals("ok", copy.state(), copy::toString);
            assertEquals("schedule", copy.trigger());
            assertNull(copy.claimId());
            assertTrue(!copy.startedAt().isBefore(backups.get(0).endedAt()), "the copy is taken after the backup");

            List<Snapshot> copiesInRepo = engine.restic().snapshots(SnapshotFilter.tagged("claimback-catalog"));
            assertEquals(1, copiesInRepo.size(), copiesInRepo::toString);
            Snapshot stored = copiesInRepo.get(0);
            assertEquals(copy.snapshotId(), stored.id().substring(0, copy.snapshotId().length()));
            assertEquals(List.of("claimback-catalog", "schema=" + engine.catalog().schemaVersion()), stored.tags());
            assertEquals("claimback-test", stored.hostname());
            assertEquals(1, engine.restic().snapshots(SnapshotFilter.tagged("claimback")).size(),
                    "claim listings do not see the catalogue copy");
            try (var left = Files.list(setup.catalog().getParent())) {
                assertEquals(List.of(), left.filter(p -> p.getFileName().toString().startsWith(".claimback")).toList(),
                        "the scratch directory is removed");
            }
        }
    }

    @Test
    void should_log_a_failed_catalogue_copy_without_changing_the_backups_result() throws Exception {
        TestSetup setup = TestSetup.create(tmp, ResticBinaries.v018());
        Path data = setup.export().newVolume("default", "web");
        VolumeTrees.write(data.resolve("index.html"), "hello".getBytes());

        try (Engine engine = Engine.open(ConfigLoader.load(setup.config()))) {
            assertEquals(1, BackupAll.run(engine, "schedule", org.claimback.backup.BackupListener.NONE).size());
            // the catalogue's directory can't take the scratch copy: a plain file stands where the directory goes
            Path blocker = setup.catalog().getParent();
            Path original = tmp.resolve("var-moved");
            Files.move(blocker, original);
            Files.writeString(blocker, "not a directory");
            try {
                assertTrue(BackupAll.copyCatalog(engine, "schedule").isEmpty());
            } finally {
                Files.delete(blocker);
                Files.move(original, blocker);
            }
            assertEquals("ok", engine.catalog().runsOfKind("backup", null, 1).get(0).state());
            RunRecord copy = engine.catalog().runsOfKind("catalog-backup", null, 1).get(0);
            assertEquals("failed", copy.state(), copy::toString);
            assertTrue(copy.error().contains("cannot copy the catalogue"), copy::toString);
        }
    }
}
