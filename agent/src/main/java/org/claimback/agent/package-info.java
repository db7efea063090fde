/**
 * The daemon {@code claimback-agent}: reads the config, opens the engine, marks runs a crash left
 * behind as interrupted, and runs the schedule until SIGTERM, logging to stdout for journald.
 *
 * <p>{@code main} builds the object graph by hand; nothing here decides what to back up.
 */
package org.claimback.agent;
