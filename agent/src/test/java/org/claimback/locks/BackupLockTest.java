package org.claimback.locks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.claimback.backup.BackupFixture;
import org.claimback.backup.BackupListener;
import org.claimback.backup.RunStates;
import org.claimback.backup.VolumeBackup;
import org.claimback.catalog.RunRecord;
import org.claimback.catalog.VolumeRecord;
import org.claimback.testing.ResticBinaries;
import org.claimback.testing.VolumeTrees;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Never two runs of one volume at once, and backups behind an exclusive repository operation: in one JVM and across two. */
class BackupLockTest {
    @TempDir
    Path tmp;

    private VolumeRecord volume(BackupFixture f) throws Exception {
        VolumeTrees.write(f.setup.export().newVolume("default", "app").resolve("file"), "data".getBytes());
        return f.volume("app");
    }

    private static long firstStart(BackupFixture f) throws Exception {
        return f.logLines().stream().filter(l -> l[0].equals("start")).mapToLong(l -> Long.parseLong(l[1])).min().orElseThrow();
    }

    @Test
    void should_skip_a_busy_volume_in_a_scheduled_run_and_fail_a_cli_run_naming_the_holder_after_the_wait() throws Exception {
        try (BackupFixture f = BackupFixture.plain(tmp, ResticBinaries.v018(), "agent:\n  lockWait: 1s\n")) {
            VolumeRecord volume = volume(f);
            try (VolumeLock held = f.engine.volumeLocks().tryLock(volume.id(), "restore drill (test)").orElseThrow()) {
                List<VolumeBackup> scheduled = f.backupEngine().backup(List.of(volume), "schedule", BackupListener.NONE);
                assertEquals(List.of(), scheduled, "a scheduled run skips the busy volume");
                assertEquals(List.of(), f.engine.catalog().runsOfKind("backup", null, 10), "and records no run");

                VolumeBackup cli = f.backupEngine().backup(List.of(volume), "cli", BackupListener.NONE).get(0);
                assertEquals(RunStates.FAILED, cli.state(), cli::toString);
                assertTrue(cli.error().contains("restore drill (test)") && cli.error().contains("waited 1 s"), cli.error());
                RunRecord run = f.engine.catalog().runById(cli.runId()).orElseThrow();
                assertEquals("failed", run.state());
            }
        }
    }

    @Test
    void should_back_up_one_volume_from_two_threads_one_after_the_other() throws Exception {
        try (BackupFixture f = BackupFixture.logged(tmp, ResticBinaries.v018(), "", null, 0)) {
            VolumeRecord volume = volume(f);

            CompletableFuture<List<VolumeBackup>> a = CompletableFuture.supplyAsync(
                    () -> f.backupEngine().backup(List.of(volume), "cli", BackupListener.NONE, true));
            CompletableFuture<List<VolumeBackup>> b = CompletableFuture.supplyAsync(
                    () -> f.backupEngine().backup(List.of(volume), "cli", BackupListener.NONE, true));

            assertEquals(RunStates.OK, a.get().get(0).state(), a.get()::toString);
            assertEquals(RunStates.OK, b.get().get(0).state(), b.get()::toString);
            assertEquals(1, f.maxConcurrentBackups(), "never two restic backups of one volume at once");
        }
    }

    @Test
    void should_wait_for_another_process_holding_the_volume_and_skip_it_when_scheduled() throws Exception {
        try (BackupFixture f = BackupFixture.logged(tmp, ResticBinaries.v018(), "agent:\n  lockWait: 30s\n", null, 0)) {
            VolumeRecord volume = volume(f);
            Process other = HoldLock.start(f.setup.catalog(), 2500, "volume", Long.toString(volume.id()));

            assertEquals(List.of(), f.backupEngine().backup(List.of(volume), "schedule", BackupListener.NONE),
                    "the agent's scheduled run skips a volume another process backs up");
            VolumeBackup cli = f.backupEngine().backup(List.of(volume), "cli", BackupListener.NONE).get(0);
            long released = HoldLock.releasedAt(other);

            assertEquals(RunStates.OK, cli.state(), cli::toString);
            assertTrue(firstStart(f) >= released, "restic started only after the other process let go");
            assertEquals(1, f.engine.catalog().runsOfKind("backup", null, 10).size());
        }
    }

    @Test
    void should_hold_backups_while_another_process_runs_an_exclusive_operation() throws Exception {
        try (BackupFixture f = BackupFixture.logged(tmp, ResticBinaries.v018(), "", null, 0)) {
            VolumeRecord volume = volume(f);
            f.liveVolumes(); // the repository exists before the other process holds the gate
            Process other = HoldLock.start(f.setup.catalog(), 2500, "gate");

            VolumeBackup backup = f.backupEngine().backup(List.of(volume), "schedule", BackupListener.NONE).get(0);
            long released = HoldLock.releasedAt(other);

            assertEquals(RunStates.OK, backup.state(), backup::toString);
            assertTrue(firstStart(f) >= released, "restic backup started only after the exclusive operation ended");
        }
    }
}
