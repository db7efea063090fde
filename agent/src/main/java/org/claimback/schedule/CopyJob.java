package org.claimback.schedule;

import java.util.List;
import org.claimback.offsite.CopyOutcome;
import org.claimback.offsite.OffsiteCopies;
import org.claimback.engine.Engine;
import org.claimback.outcome.Failures;
import org.quartz.InterruptableJob;
import org.quartz.JobExecutionContext;
import org.quartz.JobExecutionException;
import org.quartz.UnableToInterruptJobException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A scheduled backup job followed by the offsite copies ({@code copies:}): once the backup job has
 * ended, whatever its outcome, each copy gets the new snapshots, one after the other. A copy that
 * fails is notified as a failure of the {@code copy} job; it never fails the backup, nor stops the
 * next copy. Nothing is copied once the agent is stopping or the job was interrupted.
 */
final class CopyJob implements InterruptableJob {
    private static final Logger LOG = LoggerFactory.getLogger(CopyJob.class);

    private final InterruptableJob backup;
    private final Engine engine;
    private final JobNotices notices;
    private volatile boolean interrupted;
    private volatile Thread worker;

    /** @param backup the job whose firing comes first */
    CopyJob(InterruptableJob backup, Engine engine, JobNotices notices) {
        this.backup = backup;
        this.engine = engine;
        this.notices = notices;
    }

    @Override
    public void execute(JobExecutionContext context) throws JobExecutionException {
        interrupted = false;
        backup.execute(context);
        OffsiteCopies copies = new OffsiteCopies(engine);
        if (!copies.configured()) {
            return;
        }
        if (interrupted || engine.stopSignal().stopping()) {
            LOG.info("not copying to the offsite copies: the agent is stopping (the next backup job copies)");
            return;
        }
        worker = Thread.currentThread();
        try {
            copyAll(copies);
        } finally {
            worker = null;
            Thread.interrupted();
        }
    }

    private void copyAll(OffsiteCopies copies) {
        notices.started("copy", "copy of new snapshots to " + engine.config().copies().size() + " offsite copies started");
        List<CopyOutcome> outcomes = new java.util.ArrayList<>();
        UnreachableRetry retry = UnreachableRetry.of(engine.config().agent(), engine.stopSignal());
        try {
            for (org.claimback.config.RepositoryConfig copy : engine.config().copies()) {
                if (engine.stopSignal().stopping() || Thread.currentThread().isInterrupted()) {
                    break;
                }
                CopyOutcome outcome = copyRetrying(copies, copy.name(), retry);
                if (outcome != null) {
                    outcomes.add(outcome);
                }
            }
        } catch (RuntimeException e) {
            LOG.error("the offsite copies failed: {}", Failures.message(e));
            notices.ended("copy", "failure", "failed", "offsite copies failed: " + Failures.message(e));
            return;
        }
        List<CopyOutcome> failed = outcomes.stream().filter(o -> !o.ok()).toList();
        if (failed.isEmpty()) {
            notices.ended("copy", "success", "ok", "copied to " + String.join(", ", outcomes.stream().map(o -> o.copy()
                    + " (" + o.copied() + " new)").toList()));
        } else {
            notices.ended("copy", "failure", "failed", String.join("; ", failed.stream().map(CopyOutcome::error).toList()));
        }
    }

    /**
     * One copy; tried again with the agent's backoff while its server (or the primary's) cannot be
     * reached, each attempt its own failed run. Returns the last attempt's outcome (null when the
     * agent stopped before it began).
     */
    private static CopyOutcome copyRetrying(OffsiteCopies copies, String name, UnreachableRetry retry) {
        CopyOutcome[] last = new CopyOutcome[1];
        try {
            return retry.run("copy to " + name, () -> {
                List<CopyOutcome> one = copies.run(name, "schedule");
                last[0] = one.isEmpty() ? null : one.get(0); // empty: the agent is stopping
                if (last[0] != null && last[0].unreachable()) {
                    throw new org.claimback.restic.ResticException(org.claimback.restic.ResticException.Kind.UNREACHABLE,
                            org.claimback.restic.ResticException.NO_EXIT_CODE, "restic copy", List.of(), last[0].error());
                }
                return last[0];
            });
        } catch (org.claimback.restic.ResticException e) {
            if (last[0] != null && e.kind() == org.claimback.restic.ResticException.Kind.UNREACHABLE) {
                return last[0];
            }
            throw e;
        }
    }

    @Override
    public void interrupt() throws UnableToInterruptJobException {
        interrupted = true;
        backup.interrupt();
        Thread t = worker;
        if (t != null) {
            t.interrupt();
        }
    }
}
