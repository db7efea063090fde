package org.claimback.config;

/**
 * Quartz cron expressions (with seconds) for the agent's jobs.
 *
 * @param backup the backup of every live volume
 * @param drill  the restore drill of one claim per firing, or null: no scheduled drills
 */
public record ScheduleConfig(String backup, String drill) {}
