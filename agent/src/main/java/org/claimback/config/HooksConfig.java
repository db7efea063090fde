package org.claimback.config;

import java.time.Duration;
import java.util.List;

/**
 * A claim's {@code hooks:}: commands run on the NFS server around each backup of its volume. A
 * command is an argument list; one written as a single string runs as {@code /bin/sh -c STRING}.
 *
 * @param before          run before the volume is read; null for none
 * @param after           run after the backup whenever {@code before} was started (success or not), so a
 *                        paused application is always resumed; null for none
 * @param onError         run when the volume's backup failed (also when {@code before} failed); null for none
 * @param timeout         each command's limit; a command still running then is killed with its children
 * @param continueOnBeforeFailure false (the default): a failing {@code before} aborts the volume's backup;
 *                        true: the backup goes on and the failure is recorded
 */
public record HooksConfig(List<String> before, List<String> after, List<String> onError, Duration timeout,
                          boolean continueOnBeforeFailure) {
    /** How long a hook may run when the config does not say. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofMinutes(5);

    public HooksConfig {
        before = before == null ? null : List.copyOf(before);
        after = after == null ? null : List.copyOf(after);
        onError = onError == null ? null : List.copyOf(onError);
    }

    /** A shell command line as the argument list {@code /bin/sh -c LINE}. */
    public static List<String> shell(String line) {
        return List.of("/bin/sh", "-c", line);
    }
}
