/**
 * Schedule: runs the agent's jobs on Quartz cron triggers (in memory; the catalogue, not Quartz,
 * remembers what ran): a nightly backup of every live volume, a re-read of the exports every few
 * minutes, and (when {@code schedule.drill} is set) a restore drill of one claim per firing. The
 * backup and a drill never run at once: the backup waits for a drill, a drill skips while the
 * backup runs. Each scheduled backup of all volumes is followed by a copy of the catalogue into
 * the repository.
 *
 * <p>Jobs are interruptible: stopping the agent interrupts the running job, which kills its restic
 * child and records the run as {@code interrupted}. It never decides what to back up; the
 * {@link org.claimback.schedule.BackupJob} asks the engine, and the
 * {@link org.claimback.schedule.DrillJob} asks {@code DrillRotation}.
 */
package org.claimback.schedule;
