package org.claimback.config;

/** Quartz cron expressions (with seconds) for the agent's jobs. */
public record ScheduleConfig(String backup) {}
