package org.claimback.schedule;

import org.claimback.backup.BackupListener;
import org.claimback.engine.Engine;
import org.claimback.outcome.Failures;
import org.quartz.DisallowConcurrentExecution;
import org.quartz.InterruptableJob;
import org.quartz.JobExecutionContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Quartz job behind {@code schedule.backup}: a backup of all volumes, then a copy of the
 * catalogue into the repository. Failures are logged, never thrown at Quartz.
 */
@DisallowConcurrentExecution
public final class BackupAllJob implements InterruptableJob {
    private static final Logger LOG = LoggerFactory.getLogger(BackupAllJob.class);

    private final Engine engine;
    private volatile Thread worker;

    BackupAllJob(Engine engine) {
        this.engine = engine;
    }

    @Override
    public void execute(JobExecutionContext context) {
        worker = Thread.currentThread();
        try {
            try {
                BackupAll.run(engine, "schedule", BackupListener.NONE);
            } catch (RuntimeException e) {
                LOG.error("scheduled backup failed: {}", Failures.message(e), e);
            }
            if (!Thread.currentThread().isInterrupted()) { // the agent is stopping: no new restic now
                BackupAll.copyCatalog(engine, "schedule");
            }
        } finally {
            worker = null;
            Thread.interrupted();
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
