/**
 * The daemon {@code claimback-agent}: reads the config, opens the engine, marks runs a crash left
 * behind as interrupted (before anything else), adopts the snapshots a restic that outlived a
 * killed agent saved, and runs the schedule until SIGTERM, logging to stdout for journald. On
 * SIGTERM nothing new starts, running jobs get {@code agent.stopGrace} to finish, then they are
 * interrupted (restic gets SIGINT, then SIGKILL) and their runs recorded interrupted.
 *
 * <p>{@code main} builds the object graph by hand; nothing here decides what to back up. It must
 * never drop a snapshot from the catalogue at start (adoption is add-only), nor exit while a job
 * still runs a restic it started.
 */
package org.claimback.agent;
