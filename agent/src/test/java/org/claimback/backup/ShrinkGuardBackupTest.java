package org.claimback.backup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.claimback.catalog.ShrinkRecord;
import org.claimback.catalog.SnapshotRecord;
import org.claimback.catalog.VolumeRecord;
import org.claimback.notify.Notification;
import org.claimback.outcome.ExitCode;
import org.claimback.testing.ResticBinaries;
import org.claimback.testing.VolumeTrees;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The shrink guard in real backups: an emptied volume, a volume down to 5% of its files, accept. */
class ShrinkGuardBackupTest {
    @TempDir
    Path tmp;

    private final List<Notification> sent = new CopyOnWriteArrayList<>();

    private BackupEngine engine(BackupFixture f) {
        return f.backupEngine(new BackupEngine.Settings(2, 10, Duration.ofSeconds(1)), sent::add);
    }

    private static void files(Path dir, int from, int to) throws Exception {
        for (int i = from; i < to; i++) {
            VolumeTrees.write(dir.resolve("f" + i), ("file " + i).getBytes());
        }
    }

    @Test
    void should_flag_a_volume_emptied_after_a_rebuild_as_suspicious_and_skip_one_that_never_had_files() throws Exception {
        try (BackupFixture f = BackupFixture.plain(tmp, ResticBinaries.v018(), "")) {
            Path data = f.setup.export().newVolume("default", "data");
            files(data, 0, 3);
            f.setup.export().newVolume("default", "fresh");
            VolumeRecord volume = f.volume("data");
            VolumeRecord fresh = f.volume("fresh");
            assertEquals(RunStates.OK, engine(f).backup(List.of(volume), "schedule", BackupListener.NONE).get(0).state());

            for (int i = 0; i < 3; i++) {
                Files.delete(data.resolve("f" + i));
            }
            List<VolumeBackup> results = engine(f).backup(List.of(volume, fresh), "schedule", BackupListener.NONE);

            VolumeBackup emptied = results.get(0);
            assertEquals(RunStates.SUSPICIOUS, emptied.state(), emptied::toString);
            assertEquals(ExitCode.FAILED, emptied.exitCode(), "a CLI backup exits 1 on a shrink");
            assertNull(emptied.snapshot());
            assertTrue(emptied.error().contains("empty but its last good snapshot") && emptied.error().contains("had 3 files"),
                    emptied::toString);
            List<ShrinkRecord> pending = f.engine.catalog().pendingShrinks(volume.claimId());
            assertEquals(1, pending.size(), pending::toString);
            assertNull(pending.get(0).snapshotId());
            assertEquals(emptied.runId(), pending.get(0).runId());
            assertEquals(RunStates.SKIPPED, results.get(1).state(), "nothing before it: " + results.get(1));
            assertTrue(sent.stream().anyMatch(n -> n.event().equals("suspicious") && n.runId() == emptied.runId()), sent::toString);

            f.engine.catalog().acceptShrinks(volume.claimId(), f.engine.clock().instant());
            VolumeBackup accepted = engine(f).backup(List.of(volume), "schedule", BackupListener.NONE).get(0);
            assertEquals(RunStates.SKIPPED, accepted.state(), "an accepted empty volume is the new normal: " + accepted);
        }
    }

    @Test
    void should_keep_flagging_a_volume_down_to_5_percent_of_its_files_until_a_person_accepts_it() throws Exception {
        try (BackupFixture f = BackupFixture.plain(tmp, ResticBinaries.v018(), "")) {
            Path data = f.setup.export().newVolume("default", "data");
            files(data, 0, 40);
            VolumeRecord volume = f.volume("data");
            VolumeBackup good = engine(f).backup(List.of(volume), "cli", BackupListener.NONE).get(0);
            assertEquals(RunStates.OK, good.state());

            for (int i = 2; i < 40; i++) {
                Files.delete(data.resolve("f" + i));
            }
            VolumeBackup shrunk = engine(f).backup(List.of(volume), "cli", BackupListener.NONE).get(0);

            assertEquals(RunStates.SUSPICIOUS, shrunk.state(), shrunk::toString);
            assertTrue(shrunk.error().contains("2 files") && shrunk.error().contains("against 40 files"), shrunk::toString);
            SnapshotRecord stored = f.engine.catalog().snapshotByResticId(shrunk.snapshot().resticId()).orElseThrow();
            assertTrue(stored.suspicious(), stored::toString);
            assertEquals(shrunk.snapshot().resticId(), f.engine.catalog().pendingShrinks(volume.claimId()).get(0).snapshotId());
            assertTrue(f.engine.catalog().fingerprintOf(volume.id()).isEmpty(), "a suspicious backup keeps no fingerprint");

            files(data, 2, 3); // 3 of 40: still measured against the snapshot from before the shrink
            VolumeBackup still = engine(f).backup(List.of(volume), "cli", BackupListener.NONE).get(0);
            assertEquals(RunStates.SUSPICIOUS, still.state(), still::toString);
            assertTrue(still.error().contains("against 40 files"), still::toString);

            assertEquals(2, f.engine.catalog().acceptShrinks(volume.claimId(), f.engine.clock().instant()).size());
            files(data, 3, 4);
            VolumeBackup after = engine(f).backup(List.of(volume), "cli", BackupListener.NONE).get(0);
            assertEquals(RunStates.OK, after.state(), "measured against the accepted snapshot of 3 files: " + after);
        }
    }
}
