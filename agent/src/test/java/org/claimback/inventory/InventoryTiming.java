package org.claimback.inventory;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;

/**
 * Reads and matches one inventory in a fresh JVM and prints how long each took, as the first work
 * of the JVM: {@code java -cp ... InventoryTiming FILE EXPORT_ROOT...}. Run by {@link InventorySpeedTest}.
 */
public final class InventoryTiming {

    private InventoryTiming() {
    }

    public static void main(String[] args) {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long cpu = threads.getCurrentThreadCpuTime();
        long started = System.nanoTime();
        Inventory inventory = InventoryReader.read(Path.of(args[0]));
        long read = System.nanoTime();
        long readCpu = threads.getCurrentThreadCpuTime();
        List<Path> roots = Arrays.stream(args).skip(1).map(Path::of).toList();
        MatchReport report = new InventoryMatcher(roots).matchAll(inventory);
        long matched = System.nanoTime();
        long matchedCpu = threads.getCurrentThreadCpuTime();
        System.out.printf("fresh JVM: read %d PVs in %d ms (%d ms CPU), matched in %d ms (%d ms CPU); the JVM used"
                        + " %d ms CPU in all its threads so far (%s)%n", inventory.pvs().size(),
                (read - started) / 1_000_000, (readCpu - cpu) / 1_000_000, (matched - read) / 1_000_000,
                (matchedCpu - readCpu) / 1_000_000,
                ProcessHandle.current().info().totalCpuDuration().map(Duration::toMillis).orElse(-1L),
                report.summary());
    }
}
