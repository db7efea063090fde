package org.claimback.fssnapshot;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The process that made a snapshot: the machine's boot, its pid and its start time in clock ticks
 * since boot (field 22 of {@code /proc/PID/stat}). Ticks since boot do not move when the wall
 * clock is set, unlike a start instant; the boot id tells a pid of an earlier boot from today's.
 *
 * @param bootId     the first 8 hex digits of {@code /proc/sys/kernel/random/boot_id}
 * @param pid        the process id
 * @param startTicks when the process started, in clock ticks since boot
 */
record SnapshotOwner(String bootId, long pid, long startTicks) {
    private static final Path BOOT_ID = Path.of("/proc/sys/kernel/random/boot_id");
    private static final int STATE = 0;
    private static final int START_TIME = 19; // field 22, counted from field 3 (after "pid (comm) ")

    /** This process. */
    static SnapshotOwner current() throws FsSnapshotException {
        long pid = ProcessHandle.current().pid();
        return of(pid).orElseThrow(() -> new FsSnapshotException("cannot read /proc/" + pid
                + "/stat to name a snapshot after this process: btrfs snapshots need Linux with /proc mounted"));
    }

    /** The process running as {@code pid} now; empty when there is none or it is a zombie. */
    static Optional<SnapshotOwner> of(long pid) throws FsSnapshotException {
        String stat;
        try {
            stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new FsSnapshotException("cannot read /proc/" + pid + "/stat (" + e.getMessage()
                    + "): btrfs snapshots need Linux with /proc mounted", e);
        }
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).trim().split(" ");
        if ("Z".equals(fields[STATE]) || "X".equals(fields[STATE])) {
            return Optional.empty();
        }
        return Optional.of(new SnapshotOwner(readBootId(), pid, Long.parseLong(fields[START_TIME])));
    }

    /** True when this process no longer runs: no such pid, another boot, or the pid now belongs to another process. */
    boolean isGone() throws FsSnapshotException {
        return !of(pid).map(this::equals).orElse(false);
    }

    private static String readBootId() throws FsSnapshotException {
        try {
            return Files.readString(BOOT_ID).strip().replace("-", "").substring(0, 8);
        } catch (IOException | RuntimeException e) {
            throw new FsSnapshotException("cannot read " + BOOT_ID + " (" + e.getMessage()
                    + "): btrfs snapshots need Linux with /proc mounted", e);
        }
    }
}
