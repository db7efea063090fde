package org.claimback.backup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.claimback.catalog.ClaimRecord;
import org.claimback.catalog.RunRecord;
import org.claimback.catalog.VolumeRecord;
import org.claimback.notify.Notification;
import org.claimback.testing.ResticBinaries;
import org.claimback.testing.VolumeTrees;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Parallel backups: the bound, the order, one failure among others, cancel, stop, notifications. */
class BackupEngineTest {
    @TempDir
    Path tmp;

    private static List<Path> volumes(BackupFixture f, String prefix, int n) throws Exception {
        List<Path> dirs = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            Path v = f.setup.export().newVolume("default", prefix + i);
            VolumeTrees.write(v.resolve("file"), ("volume " + i).getBytes());
            dirs.add(v);
        }
        return dirs;
    }

    @Test
    void should_back_up_at_most_two_volumes_at_once_in_input_order_and_let_one_failure_stop_nothing() throws Exception {
        try (BackupFixture f = BackupFixture.logged(tmp, ResticBinaries.v018(), "backup:\n  parallel: 2\n", null, 0)) {
            List<Path> dirs = volumes(f, "app", 5);
            List<VolumeRecord> volumes = new ArrayList<>(f.liveVolumes());
            java.util.Collections.reverse(volumes); // any order: results follow it
            Path broken = Path.of(volumes.get(1).path());
            VolumeTrees.write(broken.getParent().resolve("moved-away/file"), "x".getBytes());
            Files.delete(broken.resolve("file"));
            Files.delete(broken);
            List<Notification> sent = new java.util.concurrent.CopyOnWriteArrayList<>();

            List<VolumeBackup> results = f.backupEngine(new BackupEngine.Settings(2, 10, Duration.ofSeconds(1)), sent::add)
                    .backup(volumes, "cli", BackupListener.NONE);

            assertEquals(volumes.stream().map(VolumeRecord::path).toList(), results.stream().map(r -> r.volume().path()).toList());
            assertEquals(RunStates.FAILED, results.get(1).state(), results::toString);
            assertTrue(results.get(1).error().contains("is not a directory any more"), results::toString);
            assertEquals(4, results.stream().filter(r -> r.state().equals(RunStates.OK)).count(), results::toString);
            assertEquals(2, f.maxConcurrentBackups(), "two restic backups ran at once, never more: " + f.logLines().size());
            assertEquals(4, sent.stream().filter(n -> n.event().equals("success")).count(), sent::toString);
            assertEquals(1, sent.stream().filter(n -> n.event().equals("failure")).count(), sent::toString);
            assertEquals(5, dirs.size());
        }
    }

    @Test
    void should_stop_running_restic_record_interrupted_and_start_nothing_new_when_cancelled() throws Exception {
        try (BackupFixture f = BackupFixture.logged(tmp, ResticBinaries.v018(), "backup:\n  parallel: 2\n", "slow", 60)) {
            volumes(f, "slow", 4);
            List<VolumeRecord> volumes = f.liveVolumes();
            AtomicReference<List<VolumeBackup>> results = new AtomicReference<>();
            Thread caller = new Thread(() -> results.set(f.backupEngine().backup(volumes, "cli", BackupListener.NONE)));
            caller.start();
            long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            while (f.logLines().size() < 2 && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            assertEquals(2, f.logLines().size(), "two backups started");

            long cancelled = System.nanoTime();
            caller.interrupt();
            caller.join(Duration.ofSeconds(20).toMillis());

            assertFalse(caller.isAlive(), "the backup ends soon after the cancel");
            assertTrue(System.nanoTime() - cancelled < Duration.ofSeconds(15).toNanos());
            assertEquals(2, results.get().size(), results.get()::toString);
            assertTrue(results.get().stream().allMatch(r -> r.state().equals(RunStates.INTERRUPTED)), results.get()::toString);
            List<RunRecord> runs = f.engine.catalog().runsOfKind("backup", null, 10);
            assertEquals(2, runs.size(), "the other two never started: " + runs);
            assertTrue(runs.stream().allMatch(r -> r.state().equals("interrupted")), runs::toString);
            assertEquals(2, f.logLines().stream().filter(l -> l[0].equals("start")).count(), "nothing new started");
            assertTrue(f.engine.catalog().fingerprintOf(volumes.get(0).id()).isEmpty());
        }
    }

    @Test
    void should_start_no_new_volume_once_the_stop_signal_is_set_and_let_the_running_one_finish() throws Exception {
        try (BackupFixture f = BackupFixture.plain(tmp, ResticBinaries.v018(), "backup:\n  parallel: 1\n")) {
            volumes(f, "app", 3);
            List<VolumeRecord> volumes = f.liveVolumes();
            BackupListener stopOnFirst = new BackupListener() {
                @Override
                public void started(ClaimRecord claim, VolumeRecord volume) {
                    f.engine.stopSignal().stop();
                }
            };

            List<VolumeBackup> results = f.backupEngine().backup(volumes, "schedule", stopOnFirst);

            assertEquals(1, results.size(), results::toString);
            assertEquals(RunStates.OK, results.get(0).state(), "the running one finishes");
            assertEquals(1, f.engine.catalog().runsOfKind("backup", null, 10).size());
        }
    }

    @Test
    void should_never_let_a_throwing_notifier_change_a_backup() throws Exception {
        try (BackupFixture f = BackupFixture.plain(tmp, ResticBinaries.v018(), "")) {
            volumes(f, "app", 1);
            List<VolumeRecord> volumes = f.liveVolumes();

            List<VolumeBackup> results = f.backupEngine(new BackupEngine.Settings(2, 10, Duration.ofSeconds(1)), n -> {
                throw new IllegalStateException("webhook down");
            }).backup(volumes, "schedule", BackupListener.NONE);

            assertEquals(RunStates.OK, results.get(0).state(), results::toString);
            assertEquals("ok", f.engine.catalog().runById(results.get(0).runId()).orElseThrow().state());
        }
    }

    /** The fingerprint stored is the one taken before restic started: a change during the backup shows up next time. */
    @Test
    void should_back_up_again_after_a_change_made_while_restic_ran() throws Exception {
        Path marker = tmp.resolve("change-during-backup");
        Path wrapper = tmp.resolve("bin/restic");
        Files.createDirectories(wrapper.getParent());
        Files.writeString(wrapper, "#!/bin/sh\n"
                + "if [ \"$1\" = backup ] && [ -e '" + marker + "' ]; then rm '" + marker + "'; echo late > late-file; fi\n"
                + "exec \"" + ResticBinaries.v018() + "\" \"$@\"\n");
        Files.setPosixFilePermissions(wrapper, java.nio.file.attribute.PosixFilePermissions.fromString("rwxr-xr-x"));
        try (BackupFixture f = BackupFixture.plain(tmp, wrapper, "")) {
            volumes(f, "app", 1);
            List<VolumeRecord> volumes = f.liveVolumes();
            Files.writeString(marker, "");

            VolumeBackup during = f.backupEngine().backup(volumes, "cli", BackupListener.NONE).get(0);
            VolumeBackup next = f.backupEngine().backup(volumes, "cli", BackupListener.NONE).get(0);
            VolumeBackup third = f.backupEngine().backup(volumes, "cli", BackupListener.NONE).get(0);

            assertEquals(RunStates.OK, during.state(), during::toString);
            assertEquals(RunStates.OK, next.state(), "the change made during the first backup is not skipped: " + next);
            assertEquals(RunStates.SKIPPED_UNCHANGED, third.state(), third::toString);
        }
    }
}
