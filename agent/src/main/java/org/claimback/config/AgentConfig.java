package org.claimback.config;

import java.time.Duration;

/**
 * How the agent behaves around other processes and an unreachable repository.
 *
 * @param stopGrace how long SIGTERM lets running restic processes finish before they are stopped
 *                  and their runs recorded interrupted
 * @param lockWait  how long an operation waits for a repository lock held by a live process or
 *                  another host before it gives up and reports it
 * @param unreachableRetries how often a scheduled job tries again when the repository cannot be
 *                  reached (0: never)
 * @param unreachableBackoff the wait before the first retry; it doubles with each further one
 */
public record AgentConfig(Duration stopGrace, Duration lockWait, int unreachableRetries, Duration unreachableBackoff) {
    public static final Duration DEFAULT_STOP_GRACE = Duration.ofSeconds(30);
    public static final Duration DEFAULT_LOCK_WAIT = Duration.ofMinutes(10);
    public static final int DEFAULT_UNREACHABLE_RETRIES = 3;
    public static final Duration DEFAULT_UNREACHABLE_BACKOFF = Duration.ofMinutes(1);

    public AgentConfig(Duration stopGrace, Duration lockWait) {
        this(stopGrace, lockWait, DEFAULT_UNREACHABLE_RETRIES, DEFAULT_UNREACHABLE_BACKOFF);
    }

    public static AgentConfig defaults() {
        return new AgentConfig(DEFAULT_STOP_GRACE, DEFAULT_LOCK_WAIT);
    }
}
