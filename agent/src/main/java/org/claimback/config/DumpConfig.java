package org.claimback.config;

import java.time.Duration;
import java.util.List;

/**
 * One of a claim's {@code dumps:}: a command whose standard output is a dump (e.g. {@code pg_dump}),
 * stored as a restic snapshot of its own holding the file {@code /NAME}.
 *
 * @param name    the dump's name: a file name ({@code [A-Za-z0-9._-]}), unique within the claim
 * @param command the producer's argument list ({@code /bin/sh -c LINE} when written as one string)
 * @param timeout how long the producer may run before it is killed and the dump fails
 */
public record DumpConfig(String name, List<String> command, Duration timeout) {
    /** How long a dump may run when the config does not say. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofHours(6);

    public DumpConfig {
        command = List.copyOf(command);
    }
}
