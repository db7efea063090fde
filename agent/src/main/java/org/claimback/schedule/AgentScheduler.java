package org.claimback.schedule;

import java.util.Date;
import java.util.Properties;
import org.claimback.engine.Engine;
import org.quartz.CronScheduleBuilder;
import org.quartz.JobBuilder;
import org.quartz.JobDetail;
import org.quartz.JobKey;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.quartz.Trigger;
import org.quartz.TriggerBuilder;
import org.quartz.impl.StdSchedulerFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Owns the Quartz scheduler of the agent: one thread, an in-memory store, the cron triggers. */
public final class AgentScheduler implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(AgentScheduler.class);
    private static final JobKey BACKUP = JobKey.jobKey("backup-all", "claimback");
    private static final JobKey SYNC = JobKey.jobKey("sync-claims", "claimback");
    /** How often the agent re-reads exports and changed inventory files between backups. */
    static final String SYNC_CRON = "30 */5 * * * ?";

    private final Scheduler scheduler;
    private final java.util.Set<String> reportedProblems = java.util.concurrent.ConcurrentHashMap.newKeySet();

    public AgentScheduler(Engine engine) throws SchedulerException {
        Properties p = new Properties();
        p.setProperty("org.quartz.scheduler.instanceName", "claimback");
        p.setProperty("org.quartz.scheduler.skipUpdateCheck", "true");
        p.setProperty("org.quartz.threadPool.class", "org.quartz.simpl.SimpleThreadPool");
        p.setProperty("org.quartz.threadPool.threadCount", "2");
        p.setProperty("org.quartz.jobStore.class", "org.quartz.simpl.RAMJobStore");
        p.setProperty("org.quartz.jobStore.misfireThreshold", "60000");
        scheduler = new StdSchedulerFactory(p).getScheduler();
        scheduler.setJobFactory((bundle, s) -> bundle.getJobDetail().getKey().equals(SYNC)
                ? new SyncClaimsJob(engine, reportedProblems) : new BackupAllJob(engine));
        JobDetail job = JobBuilder.newJob(BackupAllJob.class).withIdentity(BACKUP).build();
        Trigger trigger = TriggerBuilder.newTrigger().withIdentity("backup-all", "claimback")
                .withSchedule(CronScheduleBuilder.cronSchedule(engine.config().schedule().backup())
                        .withMisfireHandlingInstructionFireAndProceed())
                .build();
        scheduler.scheduleJob(job, trigger);
        scheduler.scheduleJob(JobBuilder.newJob(SyncClaimsJob.class).withIdentity(SYNC).build(),
                TriggerBuilder.newTrigger().withIdentity("sync-claims", "claimback")
                        .withSchedule(CronScheduleBuilder.cronSchedule(SYNC_CRON).withMisfireHandlingInstructionDoNothing())
                        .build());
    }

    /** Starts firing; returns the next time the backup runs. */
    public Date start() throws SchedulerException {
        scheduler.start();
        Date next = scheduler.getTrigger(org.quartz.TriggerKey.triggerKey("backup-all", "claimback")).getNextFireTime();
        LOG.info("next backup of all live volumes at {}", next.toInstant());
        return next;
    }

    /** Stops firing, interrupts a running job (its restic is killed, its run recorded), waits for it. */
    @Override
    public void close() throws SchedulerException {
        scheduler.standby();
        scheduler.interrupt(BACKUP);
        scheduler.shutdown(true);
    }
}
