package org.claimback.schedule;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.locks.Lock;
import org.claimback.catalog.ClaimRecord;
import org.claimback.drill.DrillEngine;
import org.claimback.drill.DrillResult;
import org.claimback.drill.DrillRotation;
import org.claimback.drill.RotationChoice;
import org.claimback.engine.Engine;
import org.claimback.outcome.Failures;
import org.quartz.DisallowConcurrentExecution;
import org.quartz.InterruptableJob;
import org.quartz.JobExecutionContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Quartz job behind {@code schedule.drill}: drills exactly one claim per firing, the one
 * {@link DrillRotation} picks. It never runs beside a backup: when a backup
 * holds the shared lock, this firing is skipped with a log line (the next firing drills instead).
 * Failures are logged, never thrown at Quartz.
 */
@DisallowConcurrentExecution
public final class DrillJob implements InterruptableJob {
    private static final Logger LOG = LoggerFactory.getLogger(DrillJob.class);

    private final Engine engine;
    private final Lock heavyWork;
    private volatile Thread worker;

    /** @param heavyWork the write side of the lock backups share while they run */
    DrillJob(Engine engine, Lock heavyWork) {
        this.engine = engine;
        this.heavyWork = heavyWork;
    }

    @Override
    public void execute(JobExecutionContext context) {
        if (!heavyWork.tryLock()) {
            LOG.info("skipping this drill: a backup is running; next drill at {}",
                    context.getNextFireTime() == null ? "-" : context.getNextFireTime().toInstant());
            return;
        }
        worker = Thread.currentThread();
        try {
            drillNext();
        } catch (RuntimeException e) {
            LOG.error("scheduled drill failed: {}", Failures.message(e), e);
        } finally {
            worker = null;
            heavyWork.unlock();
            Thread.interrupted();
        }
    }

    private void drillNext() {
        DrillEngine drills = DrillEngine.of(engine);
        List<ClaimRecord> eligible = engine.catalog().claims().stream().filter(c -> drills.goodSnapshot(c).isPresent()).toList();
        Optional<RotationChoice> choice = DrillRotation.next(eligible, engine.catalog().newestRunsOfKind("drill", null));
        if (choice.isEmpty()) {
            LOG.info("no claim has a complete snapshot yet: nothing to drill");
            return;
        }
        ClaimRecord claim = choice.get().claim();
        LOG.info("drilling {} ({})", claim.claimKey(), choice.get().reason());
        engine.repositoryAccess().readyForRestore();
        DrillResult result = drills.drill(claim, "schedule");
        if (!result.ok()) {
            LOG.warn("scheduled drill of {} FAILED: {}", claim.claimKey(), result.reason());
        }
    }

    @Override
    public void interrupt() {
        Thread t = worker;
        if (t != null) {
            t.interrupt();
        }
    }
}
