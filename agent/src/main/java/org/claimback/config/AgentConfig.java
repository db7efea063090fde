package org.claimback.config;

import java.time.Duration;

/**
 * How the agent behaves around other processes.
 *
 * @param stopGrace how long SIGTERM lets running restic processes finish before they are stopped
 *                  and their runs recorded interrupted
 * @param lockWait  how long an operation waits for a repository lock held by a live process or
 *                  another host before it gives up and reports it
 */
public record AgentConfig(Duration stopGrace, Duration lockWait) {
    public static final Duration DEFAULT_STOP_GRACE = Duration.ofSeconds(30);
    public static final Duration DEFAULT_LOCK_WAIT = Duration.ofMinutes(10);

    public static AgentConfig defaults() {
        return new AgentConfig(DEFAULT_STOP_GRACE, DEFAULT_LOCK_WAIT);
    }
}
