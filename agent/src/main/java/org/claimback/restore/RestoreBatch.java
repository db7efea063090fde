package org.claimback.restore;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.claimback.outcome.ExitCode;
import org.claimback.outcome.UserError;

/**
 * Runs a confirmed plan: at most {@code parallel} restores at once (each one restic process),
 * every claim on its own, so one failure never stops the others. Skipped claims are not run.
 * Outcomes come back in plan order.
 */
public final class RestoreBatch {
    /** The most restores claimback runs at once. */
    public static final int MAX_PARALLEL = 16;

    private final RestoreEngine engine;
    private final int parallel;

    public RestoreBatch(RestoreEngine engine, int parallel) {
        if (parallel < 1 || parallel > MAX_PARALLEL) {
            throw new IllegalArgumentException("parallel must be 1.." + MAX_PARALLEL + ", got " + parallel);
        }
        this.engine = engine;
        this.parallel = parallel;
    }

    public List<RestoreOutcome> run(List<PlannedRestore> plan, TargetRule targets, String trigger, RestoreListener listener) {
        List<PlannedRestore> runnable = plan.stream().filter(p -> !p.skipped()).toList();
        AtomicInteger thread = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, Math.min(parallel, runnable.size())), r -> {
            Thread t = new Thread(r, "restore-" + thread.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<RestoreOutcome>> futures = new ArrayList<>();
            for (PlannedRestore planned : plan) {
                futures.add(planned.skipped() ? null : pool.submit(() -> runOne(planned, targets, trigger, listener)));
            }
            List<RestoreOutcome> outcomes = new ArrayList<>();
            for (int i = 0; i < plan.size(); i++) {
                outcomes.add(futures.get(i) == null ? new RestoreOutcome(plan.get(i), null, null, Duration.ZERO)
                        : await(futures.get(i)));
            }
            return outcomes;
        } catch (InterruptedException e) {
            pool.shutdownNow(); // interrupts running restic processes, which are then stopped
            Thread.currentThread().interrupt();
            throw new UserError(ExitCode.FAILED,
                    "restores interrupted: claims not yet restored are incomplete or untouched; run the restore again", e);
        } finally {
            pool.shutdown();
        }
    }

    private RestoreOutcome runOne(PlannedRestore planned, TargetRule targets, String trigger, RestoreListener listener) {
        RestoreJob job = planned.job(trigger);
        long t0 = System.nanoTime();
        try {
            targets.ready(planned);
        } catch (RuntimeException e) {
            listener.finished(job, null, e);
            return new RestoreOutcome(planned, null, e, since(t0));
        }
        try {
            RestoredClaim result = engine.restore(job, listener);
            return new RestoreOutcome(planned, result, null, result.duration());
        } catch (RuntimeException e) { // recorded as a failed run by the engine
            return new RestoreOutcome(planned, null, e, since(t0));
        }
    }

    private static Duration since(long nanos) {
        return Duration.ofNanos(System.nanoTime() - nanos);
    }

    private static RestoreOutcome await(Future<RestoreOutcome> future) throws InterruptedException {
        try {
            return future.get();
        } catch (ExecutionException e) {
            throw new IllegalStateException("a restore thread failed unexpectedly", e.getCause());
        }
    }
}
