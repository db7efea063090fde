package org.claimback.schedule;

import java.util.Date;
import java.util.Properties;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.ReentrantLock;
import org.claimback.engine.Engine;
import org.quartz.CronScheduleBuilder;
import org.quartz.InterruptableJob;
import org.quartz.JobBuilder;
import org.quartz.JobExecutionContext;
import org.quartz.JobExecutionException;
import org.quartz.JobKey;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.quartz.TriggerBuilder;
import org.quartz.TriggerKey;
import org.quartz.impl.StdSchedulerFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Owns the Quartz scheduler of the agent: two threads, an in-memory store, the cron triggers.
 * The backup of all volumes and a drill never run at once: they share one lock; a backup waits
 * for a running drill to end, a drill that finds the backup running skips its firing.
 */
public final class AgentScheduler implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(AgentScheduler.class);
    private static final JobKey BACKUP = JobKey.jobKey("backup-all", "claimback");
    private static final JobKey SYNC = JobKey.jobKey("sync-claims", "claimback");
    private static final JobKey DRILL = JobKey.jobKey("drill", "claimback");
    /** How often the agent re-reads exports and changed inventory files between backups. */
    static final String SYNC_CRON = "30 */5 * * * ?";

    private final Scheduler scheduler;
    private final String drillCron;
    private final java.util.Set<String> reportedProblems = java.util.concurrent.ConcurrentHashMap.newKeySet();
    private final Lock heavyWork = new ReentrantLock();

    public AgentScheduler(Engine engine) throws SchedulerException {
        Properties p = new Properties();
        p.setProperty("org.quartz.scheduler.instanceName", "claimback");
        p.setProperty("org.quartz.scheduler.skipUpdateCheck", "true");
        p.setProperty("org.quartz.threadPool.class", "org.quartz.simpl.SimpleThreadPool");
        p.setProperty("org.quartz.threadPool.threadCount", "2");
        p.setProperty("org.quartz.jobStore.class", "org.quartz.simpl.RAMJobStore");
        p.setProperty("org.quartz.jobStore.misfireThreshold", "60000");
        scheduler = new StdSchedulerFactory(p).getScheduler();
        drillCron = engine.config().schedule().drill();
        scheduler.setJobFactory((bundle, s) -> {
            JobKey key = bundle.getJobDetail().getKey();
            if (key.equals(SYNC)) {
                return new SyncClaimsJob(engine, reportedProblems);
            }
            if (key.equals(DRILL)) {
                return new DrillJob(engine, heavyWork);
            }
            return new AfterDrill(new BackupAllJob(engine), heavyWork);
        });
        scheduler.scheduleJob(JobBuilder.newJob(BackupAllJob.class).withIdentity(BACKUP).build(),
                TriggerBuilder.newTrigger().withIdentity("backup-all", "claimback")
                        .withSchedule(CronScheduleBuilder.cronSchedule(engine.config().schedule().backup())
                                .withMisfireHandlingInstructionFireAndProceed())
                        .build());
        scheduler.scheduleJob(JobBuilder.newJob(SyncClaimsJob.class).withIdentity(SYNC).build(),
                TriggerBuilder.newTrigger().withIdentity("sync-claims", "claimback")
                        .withSchedule(CronScheduleBuilder.cronSchedule(SYNC_CRON).withMisfireHandlingInstructionDoNothing())
                        .build());
        if (drillCron != null) {
            scheduler.scheduleJob(JobBuilder.newJob(DrillJob.class).withIdentity(DRILL).build(),
                    TriggerBuilder.newTrigger().withIdentity("drill", "claimback")
                            .withSchedule(CronScheduleBuilder.cronSchedule(drillCron).withMisfireHandlingInstructionDoNothing())
                            .build());
        }
    }

    /** Starts firing; returns the next time the backup runs. */
    public Date start() throws SchedulerException {
        scheduler.start();
        Date next = scheduler.getTrigger(TriggerKey.triggerKey("backup-all", "claimback")).getNextFireTime();
        LOG.info("next backup of all live volumes at {}", next.toInstant());
        if (drillCron != null) {
            Date drill = scheduler.getTrigger(TriggerKey.triggerKey("drill", "claimback")).getNextFireTime();
            LOG.info("next restore drill (one claim, in rotation) at {}", drill == null ? "never" : drill.toInstant());
        } else {
            LOG.info("no scheduled restore drills (schedule.drill is not set)");
        }
        return next;
    }

    /** Stops firing, interrupts running jobs (their restic is killed, their runs recorded), waits for them. */
    @Override
    public void close() throws SchedulerException {
        scheduler.standby();
        scheduler.interrupt(BACKUP);
        if (drillCron != null) {
            scheduler.interrupt(DRILL);
        }
        scheduler.shutdown(true);
    }

    /** Runs the backup once no drill runs; a drill that fires meanwhile skips. */
    private static final class AfterDrill implements InterruptableJob {
        private final InterruptableJob job;
        private final Lock heavyWork;
        private volatile Thread worker;

        AfterDrill(InterruptableJob job, Lock heavyWork) {
            this.job = job;
            this.heavyWork = heavyWork;
        }

        @Override
        public void execute(JobExecutionContext context) throws JobExecutionException {
            worker = Thread.currentThread();
            try {
                if (!heavyWork.tryLock()) {
                    LOG.info("the backup of all volumes waits for the running drill to end");
                    heavyWork.lockInterruptibly();
                }
            } catch (InterruptedException e) {
                LOG.info("the backup of all volumes did not start: the agent is stopping");
                return;
            } finally {
                worker = null;
            }
            try {
                job.execute(context);
            } finally {
                heavyWork.unlock();
            }
        }

        @Override
        public void interrupt() throws org.quartz.UnableToInterruptJobException {
            Thread t = worker;
            if (t != null) {
                t.interrupt();
            }
            job.interrupt();
        }
    }
}
