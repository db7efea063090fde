package org.claimback.schedule;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.claimback.catalog.RunRecord;
import org.claimback.engine.Engine;
import org.quartz.CronScheduleBuilder;
import org.quartz.InterruptableJob;
import org.quartz.Job;
import org.quartz.JobBuilder;
import org.quartz.JobExecutionContext;
import org.quartz.JobExecutionException;
import org.quartz.JobKey;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.quartz.Trigger;
import org.quartz.TriggerBuilder;
import org.quartz.TriggerKey;
import org.quartz.impl.StdSchedulerFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Owns the Quartz scheduler of the agent: an in-memory store, one cron trigger per backup schedule
 * ({@link BackupGroup}), one each for retention, prune, check and drill when set, and the re-read
 * of the exports. There is a thread per job, so a long prune never delays a backup's firing: the
 * repository gate makes them wait for each other, not Quartz.
 *
 * <p>A drill never runs beside a backup: backups share a read lock, a drill needs the write lock;
 * a backup waits for a running drill, a drill that finds a backup running skips its firing.
 *
 * <p>Downtime: Quartz keeps nothing across restarts, so at start each job's last scheduled run is
 * read from the catalogue; a job whose cron fired since then ({@link MissedFirings}) runs once now.
 * A misfire while the agent runs (a job still busy at its next firing) fires once and proceeds.
 */
public final class AgentScheduler implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(AgentScheduler.class);
    private static final String GROUP = "claimback";
    /** How often the agent re-reads exports and changed inventory files between backups. */
    static final String SYNC_CRON = "30 */5 * * * ?";
    /** How many of a repository job's newest runs are searched for its last scheduled one. */
    private static final int RUNS_SEARCHED = 500;
    /** How many of one claim's newest backups are searched for its last scheduled one (CLI backups between them are few). */
    private static final int CLAIM_RUNS_SEARCHED = 20;
    private static final java.util.concurrent.atomic.AtomicInteger INSTANCES = new java.util.concurrent.atomic.AtomicInteger();

    private final Engine engine;
    private final Scheduler scheduler;
    private final List<BackupGroup> groups;
    private final Map<JobKey, Supplier<Job>> jobs = new LinkedHashMap<>();
    private final Map<JobKey, String> crons = new LinkedHashMap<>();
    private final Map<JobKey, Class<? extends Job>> classes = new LinkedHashMap<>();
    private final ReadWriteLock heavyWork = new ReentrantReadWriteLock();
    private final java.util.Set<String> reportedProblems = java.util.concurrent.ConcurrentHashMap.newKeySet();

    public AgentScheduler(Engine engine) throws SchedulerException {
        this(engine, engine.notifier(), RepositoryJob::workOf);
    }

    /**
     * @param notifier where the jobs' start and end go
     * @param works    the work of the retention, prune and check jobs by kind (tests replace it)
     */
    AgentScheduler(Engine engine, org.claimback.notify.Notifier notifier,
            java.util.function.Function<String, RepositoryJob.Work> works) throws SchedulerException {
        this.engine = engine;
        this.groups = BackupGroup.of(engine.config());
        JobNotices notices = new JobNotices(notifier, engine.clock());
        for (int i = 0; i < groups.size(); i++) {
            BackupGroup group = groups.get(i);
            // after the backup job, its new snapshots go to the offsite copies (a no-op without copies:)
            add(backupKey(i), group.cron(), BackupJob.class, () -> new AfterDrill(
                    new CopyJob(new BackupJob(engine, group, notices), engine, notices), heavyWork.readLock()));
        }
        var schedule = engine.config().schedule();
        Map<String, String> repositoryJobs = new LinkedHashMap<>();
        repositoryJobs.put("retention", schedule.retention());
        repositoryJobs.put("prune", schedule.prune());
        repositoryJobs.put("check", schedule.check());
        repositoryJobs.forEach((kind, cron) -> {
            if (cron != null) {
                add(JobKey.jobKey(kind, GROUP), cron, RepositoryJob.class, () -> new RepositoryJob(engine, kind, cron, works.apply(kind), notices));
            }
        });
        if (schedule.drill() != null) {
            add(JobKey.jobKey("drill", GROUP), schedule.drill(), DrillJob.class, () -> new DrillJob(engine, heavyWork.writeLock()));
        }
        add(JobKey.jobKey("sync-claims", GROUP), SYNC_CRON, SyncClaimsJob.class, () -> new SyncClaimsJob(engine, reportedProblems));

        Properties p = new Properties();
        // Quartz keeps schedulers by name in the JVM: a name of its own per instance (tests make several)
        p.setProperty("org.quartz.scheduler.instanceName", "claimback-" + INSTANCES.incrementAndGet());
        p.setProperty("org.quartz.scheduler.skipUpdateCheck", "true");
        p.setProperty("org.quartz.threadPool.class", "org.quartz.simpl.SimpleThreadPool");
        // every job disallows concurrent execution: one thread each (and one for a catch-up) never leaves a firing waiting
        p.setProperty("org.quartz.threadPool.threadCount", String.valueOf(jobs.size() + 1));
        p.setProperty("org.quartz.jobStore.class", "org.quartz.simpl.RAMJobStore");
        p.setProperty("org.quartz.jobStore.misfireThreshold", "60000");
        scheduler = new StdSchedulerFactory(p).getScheduler();
        scheduler.setJobFactory((bundle, s) -> jobs.get(bundle.getJobDetail().getKey()).get());
        for (Map.Entry<JobKey, String> e : crons.entrySet()) {
            JobKey key = e.getKey();
            CronScheduleBuilder cron = CronScheduleBuilder.cronSchedule(e.getValue());
            cron = key.getName().equals("sync-claims") || key.getName().equals("drill")
                    ? cron.withMisfireHandlingInstructionDoNothing() : cron.withMisfireHandlingInstructionFireAndProceed();
            scheduler.scheduleJob(JobBuilder.newJob(classes.get(key)).withIdentity(key).build(),
                    TriggerBuilder.newTrigger().withIdentity(key.getName(), GROUP).withSchedule(cron).build());
        }
    }

    /** @param type the job's class: Quartz reads {@code @DisallowConcurrentExecution} from it */
    private void add(JobKey key, String cron, Class<? extends Job> type, Supplier<Job> job) {
        jobs.put(key, job);
        classes.put(key, type);
        crons.put(key, cron);
    }

    private static JobKey backupKey(int group) {
        return JobKey.jobKey("backup-" + (group + 1), GROUP);
    }

    /** Starts firing, logs every job's next fire time, and runs once now each job that missed firings while the agent was down. */
    public void start() throws SchedulerException {
        scheduler.start();
        for (String line : nextFireTimes()) {
            LOG.info("{}", line);
        }
        catchUp();
    }

    /** One line per job: what it covers and when it next fires, or that it is off. */
    public List<String> nextFireTimes() throws SchedulerException {
        List<String> lines = new ArrayList<>();
        ClaimSchedules schedules = engine.claimSchedules();
        if (groups.isEmpty()) {
            lines.add("next backup: off (schedule.backup is off and no claims rule has a schedule)");
        }
        for (int i = 0; i < groups.size(); i++) {
            BackupGroup group = groups.get(i);
            long claims = group.claimIds(engine.catalog(), schedules).size();
            lines.add("next backup (" + group.label() + ", " + claims + " claim" + (claims == 1 ? "" : "s") + ") at "
                    + nextFire(backupKey(i)));
        }
        if (engine.config().schedule().backup() == null) {
            long unscheduled = engine.catalog().claims().stream().filter(c -> schedules.backupCron(c) == null).count();
            if (unscheduled > 0) {
                lines.add(unscheduled + " claim(s) have no scheduled backup (schedule.backup is off): back them up with `claimback backup`");
            }
        }
        for (String kind : List.of("retention", "prune", "check", "drill")) {
            JobKey key = JobKey.jobKey(kind, GROUP);
            lines.add(crons.containsKey(key)
                    ? "next " + kind + " (schedule " + crons.get(key) + ") at " + nextFire(key)
                    : "next " + kind + ": off (schedule." + kind + " is off or not set)");
        }
        return lines;
    }

    private String nextFire(JobKey key) throws SchedulerException {
        Trigger trigger = scheduler.getTrigger(TriggerKey.triggerKey(key.getName(), GROUP));
        Date next = trigger == null ? null : trigger.getNextFireTime();
        return next == null ? "never (the cron has no future firing)" : next.toInstant().toString();
    }

    /** Runs once now each job whose cron fired since its last scheduled run in the catalogue. */
    private void catchUp() throws SchedulerException {
        Instant now = engine.clock().instant();
        for (Map.Entry<JobKey, String> e : crons.entrySet()) {
            JobKey key = e.getKey();
            Optional<Instant> last = lastScheduledRun(key);
            if (last.isEmpty()) {
                continue;
            }
            MissedFirings missed = MissedFirings.between(e.getValue(), last.get(), now);
            if (missed.missed()) {
                LOG.info("{} (schedule {}): {}", describe(key), e.getValue(), missed.reason());
                scheduler.triggerJob(key);
            } else {
                LOG.debug("{}: {}", describe(key), missed.reason());
            }
        }
    }

    /** When the job last started on a schedule, from the catalogue; empty for jobs that are never caught up. */
    Optional<Instant> lastScheduledRun(JobKey key) {
        String name = key.getName();
        if (name.startsWith("backup-")) {
            BackupGroup group = groups.get(Integer.parseInt(name.substring("backup-".length())) - 1);
            return group.claimIds(engine.catalog(), engine.claimSchedules()).stream()
                    .map(id -> newestScheduled(engine.catalog().runsOfKind("backup", id, CLAIM_RUNS_SEARCHED)))
                    .flatMap(Optional::stream).max(Instant::compareTo);
        }
        if (List.of("retention", "prune", "check").contains(name)) {
            return newestScheduled(engine.catalog().runsOfKind(name, null, RUNS_SEARCHED));
        }
        return Optional.empty();
    }

    private static Optional<Instant> newestScheduled(List<RunRecord> newestFirst) {
        return newestFirst.stream().filter(r -> r.trigger().equals("schedule")).map(RunRecord::startedAt).findFirst();
    }

    private String describe(JobKey key) {
        String name = key.getName();
        if (name.startsWith("backup-")) {
            return "backup of the " + groups.get(Integer.parseInt(name.substring("backup-".length())) - 1).label();
        }
        return name;
    }

    /**
     * Stops the agent's jobs: no new firing, running jobs get {@code grace} to finish by themselves,
     * then they are interrupted (restic gets SIGINT, then SIGKILL; their runs are recorded
     * interrupted) and waited for. Call after the engine's stop signal is set.
     */
    public void stop(Duration grace) throws SchedulerException {
        scheduler.standby();
        List<JobExecutionContext> running = scheduler.getCurrentlyExecutingJobs();
        if (running.isEmpty()) {
            LOG.info("stopping: no job is running");
        } else {
            LOG.info("stopping: waiting up to {}s for {} to finish", grace.toSeconds(), names(running));
            Instant end = Instant.now().plus(grace);
            while (!running.isEmpty() && Instant.now().isBefore(end)) {
                try {
                    Thread.sleep(100);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                }
                running = scheduler.getCurrentlyExecutingJobs();
            }
            if (running.isEmpty()) {
                LOG.info("stopping: every job finished within the grace period");
            } else {
                LOG.warn("stopping: the grace period of {}s is over; interrupting {} (restic gets SIGINT, then SIGKILL"
                        + " after 10 s; their runs are recorded interrupted)", grace.toSeconds(), names(running));
                for (JobExecutionContext context : running) {
                    scheduler.interrupt(context.getJobDetail().getKey());
                }
            }
        }
        scheduler.shutdown(true);
        LOG.info("stopping: all jobs have ended");
    }

    private String names(List<JobExecutionContext> running) {
        return running.stream().map(c -> describe(c.getJobDetail().getKey())).collect(Collectors.joining(", "));
    }

    /** Interrupts running jobs at once and waits for them: {@link #stop} with no grace. */
    @Override
    public void close() throws SchedulerException {
        stop(Duration.ZERO);
    }

    /** Runs a backup once no drill runs; a drill that fires meanwhile skips. */
    private static final class AfterDrill implements InterruptableJob {
        private final InterruptableJob job;
        private final Lock shared;
        private volatile Thread worker;

        AfterDrill(InterruptableJob job, Lock shared) {
            this.job = job;
            this.shared = shared;
        }

        @Override
        public void execute(JobExecutionContext context) throws JobExecutionException {
            worker = Thread.currentThread();
            try {
                if (!shared.tryLock()) {
                    LOG.info("the backup waits for the running drill to end");
                    shared.lockInterruptibly();
                }
            } catch (InterruptedException e) {
                LOG.info("the backup did not start: the agent is stopping");
                return;
            } finally {
                worker = null;
            }
            try {
                job.execute(context);
            } finally {
                shared.unlock();
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
