package org.claimback.schedule;

import org.claimback.engine.Engine;
import org.claimback.outcome.ExitCode;
import org.claimback.outcome.Failures;
import org.claimback.repository.Reachability;
import org.quartz.DisallowConcurrentExecution;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Quartz job behind {@code schedule.retention}, {@code schedule.prune} or {@code schedule.check}:
 * runs the work once per firing (it records its own runs and waits at the repository gate),
 * publishes a job notification (success, or failure when its exit code is not OK) and never
 * lets an exception reach Quartz. Nothing starts once the agent is stopping. The repository's
 * server is probed first ({@link Reachability}); while it cannot be reached the firing is tried
 * again later ({@link UnreachableRetry}), and nothing is recorded for an attempt that did not start.
 */
@DisallowConcurrentExecution
public final class RepositoryJob extends WorkerJob {
    private static final Logger LOG = LoggerFactory.getLogger(RepositoryJob.class);

    /** The work of one firing; returns its outcome. */
    @FunctionalInterface
    public interface Work {
        ExitCode run(Engine engine);
    }

    private final Engine engine;
    private final String kind;
    private final String cron;
    private final Work work;
    private final JobNotices notices;

    /** @param kind retention, prune or check: the job's name in logs and notifications */
    RepositoryJob(Engine engine, String kind, String cron, Work work, JobNotices notices) {
        this.engine = engine;
        this.kind = kind;
        this.cron = cron;
        this.work = work;
        this.notices = notices;
    }

    /** The scheduled work of each kind, by the engine's entry points. */
    static Work workOf(String kind) {
        return switch (kind) {
            case "retention" -> engine -> org.claimback.retention.Retention.of(engine).runAll("schedule");
            case "prune" -> engine -> org.claimback.retention.Prune.of(engine).run("schedule");
            case "check" -> engine -> org.claimback.check.RepositoryCheck.of(engine).run("schedule");
            default -> throw new IllegalArgumentException("no scheduled job " + kind);
        };
    }

    /** One firing. */
    @Override
    void runOnce() {
        if (engine.stopSignal().stopping()) {
            LOG.info("not starting the scheduled {}: the agent is stopping", kind);
            return;
        }
        String what = "scheduled " + kind + " (schedule " + cron + ")";
        notices.started(kind, what + " started");
        ExitCode code;
        try {
            code = UnreachableRetry.of(engine.config().agent(), engine.stopSignal()).run(what, () -> {
                // its runs would fail one by one after restic's own long retries: look at the server first
                new Reachability().requireReachable(engine.restic().settings());
                return work.run(engine);
            });
        } catch (RuntimeException e) {
            LOG.error("{} failed: {}", what, Failures.message(e));
            notices.ended(kind, "failure", "failed", what + " failed: " + Failures.message(e));
            return;
        }
        if (code == ExitCode.OK) {
            LOG.info("{} finished: ok", what);
            notices.ended(kind, "success", "ok", what + " finished: ok");
        } else {
            String state = code == ExitCode.PARTIAL ? "partial" : "failed";
            LOG.warn("{} finished: {} (see `claimback runs` for the reasons)", what, state);
            notices.ended(kind, "failure", state, what + " finished " + state + "; see `claimback runs` for the reasons");
        }
    }
}
