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
import org.claimback.notify.Notification;
import org.claimback.notify.Notifier;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.io.TempDir;

/** A scheduled backup job, run directly instead of waiting for cron. */
class BackupJobTest {
    @TempDir
    Path tmp;

    @Test
    void should_copy_the_catalogue_into_the_repository_after_backing_up_every_volume() throws Exception {
        TestSetup setup = TestSetup.create(tmp, ResticBinaries.v018());
        Path data = setup.export().newVolume("default", "web");
        VolumeTrees.write(data.resolve("index.html"), "hello".getBytes());

        try (Engine engine = Engine.open(ConfigLoader.load(setup.config()))) {
            new BackupJob(engine, BackupGroup.of(engine.config()).get(0)).execute(null);

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

    @Test
    void should_back_up_only_the_claims_of_its_schedule_and_publish_the_jobs_start_and_end() throws Exception {
        TestSetup setup = TestSetup.create(tmp, ResticBinaries.v018());
        VolumeTrees.write(setup.export().newVolume("default", "web").resolve("index.html"), "hello".getBytes());
        VolumeTrees.write(setup.export().newVolume("media", "films").resolve("film"), "frames".getBytes());
        setup.writeConfig("schedule:\n  backup: \"0 0 2 * * ?\"\nclaims:\n  - match: media/*\n    schedule: \"0 0 */6 * * ?\"\n");

        try (Engine engine = Engine.open(ConfigLoader.load(setup.config()))) {
            engine.claimSync().sync();
            List<BackupGroup> groups = BackupGroup.of(engine.config());
            assertEquals(2, groups.size(), groups::toString);
            List<Notification> sent = new CopyOnWriteArrayList<>();
            new BackupJob(engine, groups.get(1), new JobNotices(sent::add, engine.clock())).runOnce();

            List<RunRecord> backups = engine.catalog().runsOfKind("backup", null, 10);
            assertEquals(1, backups.size(), backups::toString);
            assertEquals("media/films", engine.catalog().claimById(backups.get(0).claimId()).orElseThrow().namespace()
                    + "/" + engine.catalog().claimById(backups.get(0).claimId()).orElseThrow().name());
            assertEquals("schedule", backups.get(0).trigger());
            assertEquals(2, sent.size(), sent::toString);
            assertEquals("start", sent.get(0).event());
            assertEquals(Notification.JOB, sent.get(0).scope());
            assertEquals("backup of 1 claims (schedule 0 0 */6 * * ? of claims rule 'media/*') started", sent.get(0).message());
            assertEquals("success", sent.get(1).event());
            assertEquals("ok", sent.get(1).state());
            assertTrue(sent.get(1).message().endsWith("1 volume(s): 1 ok"), sent.get(1)::toString);
            assertEquals(1, engine.catalog().runsOfKind("catalog-backup", null, 10).size(), "a job that backed up copies the catalogue");
        }
    }

    @Test
    void should_start_nothing_once_the_agent_is_stopping() throws Exception {
        TestSetup setup = TestSetup.create(tmp, ResticBinaries.v018());
        VolumeTrees.write(setup.export().newVolume("default", "web").resolve("index.html"), "hello".getBytes());
        try (Engine engine = Engine.open(ConfigLoader.load(setup.config()))) {
            List<Notification> sent = new CopyOnWriteArrayList<>();
            engine.stopSignal().stop();
            new BackupJob(engine, BackupGroup.of(engine.config()).get(0), new JobNotices(sent::add, engine.clock())).runOnce();
            assertEquals(List.of(), engine.catalog().runs(null, 10));
            assertEquals(List.of(), sent);
        }
    }

    @Test
    void should_keep_a_throwing_notifier_away_from_the_backup() throws Exception {
        TestSetup setup = TestSetup.create(tmp, ResticBinaries.v014());
        VolumeTrees.write(setup.export().newVolume("default", "web").resolve("index.html"), "hello".getBytes());
        try (Engine engine = Engine.open(ConfigLoader.load(setup.config()))) {
            Notifier broken = n -> {
                throw new IllegalStateException("webhook down");
            };
            new BackupJob(engine, BackupGroup.of(engine.config()).get(0), new JobNotices(broken, engine.clock())).runOnce();
            assertEquals("ok", engine.catalog().runsOfKind("backup", null, 1).get(0).state());
        }
    }
}
