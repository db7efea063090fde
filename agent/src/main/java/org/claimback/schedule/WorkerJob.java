package org.claimback.schedule;

import org.quartz.InterruptableJob;
import org.quartz.JobExecutionContext;

/**
 * A Quartz job whose firing runs {@link #runOnce()} on Quartz's worker thread and which an
 * interrupt reaches there (restic children are then stopped by the restic wrapper). The thread's
 * interrupt flag is cleared after the firing, so Quartz's pooled thread starts the next one clean.
 */
abstract class WorkerJob implements InterruptableJob {
    private volatile Thread worker;

    /** One firing; never throws at Quartz. */
    abstract void runOnce();

    @Override
    public final void execute(JobExecutionContext context) {
        worker = Thread.currentThread();
        try {
            runOnce();
        } finally {
            worker = null;
            Thread.interrupted();
        }
    }

    @Override
    public final void interrupt() {
        Thread t = worker;
        if (t != null) {
            t.interrupt();
        }
    }
}
