package org.claimback.schedule;

import java.util.List;
import org.claimback.backup.BackupListener;
import org.claimback.backup.VolumeBackup;
import org.claimback.engine.Engine;
import org.claimback.outcome.Failures;
import org.quartz.DisallowConcurrentExecution;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Quartz job of one backup schedule ({@link BackupGroup}): backs up the live volumes of the
 * claims whose effective schedule is the group's cron, publishes the job's start and end, and
 * after a job that backed up at least one volume copies the catalogue into the repository.
 * When the repository cannot be reached the whole firing is tried again later ({@link
 * UnreachableRetry}); each attempt's runs are recorded failed, one notification says how it
 * ended. Nothing starts once the agent is stopping. Failures are logged, never thrown at Quartz.
 */
@DisallowConcurrentExecution
public final class BackupJob extends WorkerJob {
    private static final Logger LOG = LoggerFactory.getLogger(BackupJob.class);

    private final Engine engine;
    private final BackupGroup group;
    private final JobNotices notices;

    BackupJob(Engine engine, BackupGroup group, JobNotices notices) {
        this.engine = engine;
        this.group = group;
        this.notices = notices;
    }

    BackupJob(Engine engine, BackupGroup group) {
        this(engine, group, new JobNotices(engine.notifier(), engine.clock()));
    }

    /** One firing: back up, notify, copy the catalogue. */
    @Override
    void runOnce() {
        if (engine.stopSignal().stopping()) {
            LOG.info("not starting the backup of the {}: the agent is stopping", group.label());
            return;
        }
        ClaimSchedules schedules = engine.claimSchedules();
        String what;
        try {
            what = "backup of " + group.liveClaims(engine.catalog(), schedules) + " claims (" + group.label() + ")";
        } catch (RuntimeException e) {
            what = "backup (" + group.label() + ")";
        }
        notices.started("backup", what + " started");
        List<VolumeBackup> results;
        try {
            results = UnreachableRetry.of(engine.config().agent(), engine.stopSignal()).run("scheduled backup (" + group.label() + ")",
                    () -> BackupAll.run(engine, "schedule", BackupListener.NONE, claim -> group.covers(claim, schedules), false));
        } catch (RuntimeException e) {
            LOG.error("scheduled backup ({}) failed: {}", group.label(), Failures.message(e));
            notices.ended("backup", "failure", "failed", what + " failed: " + Failures.message(e));
            return;
        }
        BackupJobOutcome outcome = BackupJobOutcome.of(results);
        notices.ended("backup", outcome.event(), outcome.state(), what + ": " + outcome.summary());
        if (outcome.backedUp() == 0) {
            return;
        }
        if (Thread.currentThread().isInterrupted() || engine.stopSignal().stopping()) {
            LOG.info("not copying the catalogue into the repository: the agent is stopping (the next backup copies it)");
            return;
        }
        BackupAll.copyCatalog(engine, "schedule");
    }
}
