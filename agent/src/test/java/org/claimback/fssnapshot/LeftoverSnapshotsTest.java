package org.claimback.fssnapshot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.claimback.testing.LoopBtrfs;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Leftovers of killed processes are removed at the next start, and a live process's snapshots
 * are never touched: real processes, a real btrfs on a loop device.
 */
class LeftoverSnapshotsTest {
    @TempDir
    static Path tmp;
    static LoopBtrfs btrfs;

    private final BtrfsSnapshots snapshots = new BtrfsSnapshots();

    @BeforeAll
    static void mount() throws IOException {
        btrfs = LoopBtrfs.create(tmp, 256);
    }

    @AfterAll
    static void unmount() throws IOException {
        if (btrfs != null) {
            btrfs.close();
        }
    }

    /** The identity of a process that ran and has ended. */
    private static SnapshotOwner deadProcess() throws Exception {
        Process sleep = new ProcessBuilder("sleep", "30").start();
        SnapshotOwner owner = SnapshotOwner.of(sleep.pid()).orElseThrow();
        sleep.destroyForcibly();
        assertTrue(sleep.waitFor(10, TimeUnit.SECONDS));
        assertTrue(owner.isGone(), "the process ended");
        return owner;
    }

    @Test
    void a_snapshot_of_a_process_that_no_longer_runs_is_removed_and_this_processs_own_is_kept() throws Exception {
        Path subvolume = btrfs.newSubvolume("dead-and-alive");
        FsSnapshot leftover = new BtrfsSnapshots("btrfs", deadProcess()).create(subvolume);
        FsSnapshot mine = snapshots.create(subvolume);

        List<Path> removed = snapshots.removeLeftovers(subvolume);

        assertEquals(List.of(leftover.path()), removed);
        assertFalse(Files.exists(leftover.path()));
        assertTrue(Files.isDirectory(mine.path()));
    }

    @Test
    void a_snapshot_of_another_process_that_still_runs_is_kept() throws Exception {
        Path subvolume = btrfs.newSubvolume("other-live-process");
        Process other = new ProcessBuilder("sleep", "30").start();
        try {
            FsSnapshot theirs = new BtrfsSnapshots("btrfs", SnapshotOwner.of(other.pid()).orElseThrow()).create(subvolume);

            assertEquals(List.of(), snapshots.removeLeftovers(subvolume));
            assertTrue(Files.isDirectory(theirs.path()));
        } finally {
            other.destroyForcibly();
            other.waitFor(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void a_pid_reused_by_a_process_started_at_another_time_or_in_another_boot_does_not_keep_a_leftover() throws Exception {
        Path subvolume = btrfs.newSubvolume("pid-reused");
        SnapshotOwner me = SnapshotOwner.current();
        FsSnapshot earlierProcess = new BtrfsSnapshots("btrfs", new SnapshotOwner(me.bootId(), me.pid(), me.startTicks() - 1))
                .create(subvolume);
        String otherBoot = me.bootId().equals("00000000") ? "11111111" : "00000000";
        FsSnapshot earlierBoot = new BtrfsSnapshots("btrfs", new SnapshotOwner(otherBoot, me.pid(), me.startTicks())).create(subvolume);

        List<Path> removed = snapshots.removeLeftovers(subvolume);

        assertEquals(List.of(earlierProcess.path(), earlierBoot.path()).stream().sorted().toList(), removed.stream().sorted().toList());
    }

    @Test
    void names_claimback_did_not_give_are_left_alone_and_a_missing_directory_is_nothing_to_do() throws Exception {
        Path subvolume = btrfs.newSubvolume("foreign");
        assertEquals(List.of(), snapshots.removeLeftovers(subvolume));

        snapshots.create(subvolume);
        Path foreign = Files.createDirectory(subvolume.resolve(BtrfsSnapshots.DIRECTORY).resolve("keep-me"));
        assertEquals(List.of(), snapshots.removeLeftovers(subvolume));
        assertTrue(Files.isDirectory(foreign));
    }
}
