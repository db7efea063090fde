/**
 * Schedule: runs the agent's jobs on Quartz cron triggers (in memory; the catalogue, not Quartz,
 * remembers what ran). One job at a time for now: a nightly backup of every live volume, followed
 * by a copy of the catalogue into the repository.
 *
 * <p>Jobs are interruptible: stopping the agent interrupts the running job, which kills its restic
 * child and records the run as {@code interrupted}. It never decides what to back up; the
 * {@link org.claimback.schedule.BackupAllJob} asks the engine.
 */
package org.claimback.schedule;
