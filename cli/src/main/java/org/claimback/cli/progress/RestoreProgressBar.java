package org.claimback.cli.progress;

import java.io.PrintStream;
import java.util.HashMap;
import java.util.Map;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import org.claimback.restore.RestoreJob;
import org.claimback.restore.RestoreListener;
import org.claimback.restore.RestoredClaim;

/**
 * One bar for a whole batch of restores: bytes in place out of the bytes all planned snapshots
 * hold, with an ETA, and how many claims are done. restic 0.16+ reports bytes about once a
 * second; with restic 0.14 (no progress output) the bar moves as each claim finishes.
 */
public final class RestoreProgressBar implements RestoreListener, AutoCloseable {
    private final ProgressBar bar;
    private final Map<RestoreJob, long[]> jobs = new HashMap<>(); // job -> {done, total}
    private final int claims;
    private long total;
    private int finished;

    public RestoreProgressBar(PrintStream terminal, long plannedBytes, int claims) {
        this.claims = claims;
        this.total = plannedBytes;
        this.bar = new ProgressBarBuilder().setTaskName("restore").setInitialMax(Math.max(1, plannedBytes))
                .setUnit("MiB", 1024 * 1024).setConsumer(new ConsoleProgressBarConsumer(terminal))
                .setUpdateIntervalMillis(500).showSpeed().build();
        bar.setExtraMessage(" 0/" + claims + " claims");
    }

    @Override
    public synchronized void started(RestoreJob job, long totalBytes) {
        jobs.put(job, new long[] {0, totalBytes});
        refresh();
    }

    @Override
    public synchronized void progress(RestoreJob job, long bytesDone) {
        long[] j = jobs.computeIfAbsent(job, k -> new long[2]);
        j[0] = Math.max(j[0], bytesDone);
        refresh();
    }

    @Override
    public synchronized void finished(RestoreJob job, RestoredClaim result, RuntimeException failure) {
        long[] j = jobs.computeIfAbsent(job, k -> new long[2]);
        j[0] = Math.max(j[0], j[1]); // a failed claim's bytes are no longer to come
        finished++;
        bar.setExtraMessage(" " + finished + "/" + claims + " claims");
        refresh();
    }

    /** Bytes known once counted ({@code restic ls}) may exceed the plan's: the bar's end moves with them. */
    private void refresh() {
        long done = 0;
        long known = 0;
        for (long[] j : jobs.values()) {
            done += j[0];
            known += Math.max(j[0], j[1]);
        }
        if (known > total) {
            total = known;
            bar.maxHint(total);
        }
        bar.stepTo(Math.min(done, total));
    }

    @Override
    public synchronized void close() {
        bar.close();
    }
}
