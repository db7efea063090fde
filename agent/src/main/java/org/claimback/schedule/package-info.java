/**
 * Schedule: runs the agent's jobs on Quartz cron triggers (in memory; the catalogue, not Quartz,
 * remembers what ran). One backup job per distinct effective backup cron ({@link
 * org.claimback.schedule.BackupGroup}: {@code schedule.backup} and the {@code claims:} rules'
 * schedules), each backing up exactly the claims whose schedule is its cron; retention, prune and
 * check jobs ({@link org.claimback.schedule.RepositoryJob}); a restore drill of one claim per firing;
 * a re-read of the exports every few minutes. Each job has a thread of its own: jobs wait for each
 * other at the repository gate, never for a Quartz thread. A drill never runs beside a backup.
 *
 * <p>Downtime: at start each job's last scheduled run is read from the catalogue, and a job whose
 * cron fired since then runs once ({@link org.claimback.schedule.MissedFirings}). Stopping: after the
 * engine's stop signal nothing new starts; running jobs get the grace period, then are interrupted
 * (their restic is stopped, their runs recorded {@code interrupted}) and waited for.
 *
 * <p>An unreachable repository: a backup, retention, prune or check firing that finds the
 * repository's server down is tried again after {@code agent.unreachableBackoff}, doubling, at most
 * {@code agent.unreachableRetries} times ({@link org.claimback.schedule.UnreachableRetry}); the
 * wait ends when the agent stops. One notification says how the firing ended.
 *
 * <p>What it must never do: decide which volumes to back up or how (the backup engine does); let an
 * exception or a failing notifier reach Quartz; run a job twice at once; catch up a firing more than
 * once, or a job that never ran on this catalogue.
 */
package org.claimback.schedule;
