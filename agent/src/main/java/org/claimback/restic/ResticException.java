package org.claimback.restic;

import java.util.List;

/**
 * restic could not do what was asked. The message is one line a person can act on: it names the
 * repository (redacted) and the fix. {@link #commandLine()} holds no secrets by construction.
 */
public final class ResticException extends RuntimeException {

    /** What went wrong, as far as a caller decides differently. */
    public enum Kind {
        /** The binary is missing or not executable. */
        NOT_INSTALLED,
        /** The binary is older than {@link ResticVersion#MINIMUM}, or not restic. */
        UNSUPPORTED_VERSION,
        /** The password file does not open the repository (exit 12 since 0.17.1). */
        WRONG_PASSWORD,
        /** There is no repository at the configured location (exit 10 since 0.17). */
        REPOSITORY_MISSING,
        /** Another restic process holds a conflicting lock (exit 11 since 0.17). */
        LOCKED,
        /**
         * The repository's server could not be reached: connection refused, no such host, a
         * timeout, ssh failing to connect. restic has already retried (about a minute on 0.14,
         * up to 15 minutes on 0.17+), or claimback's probe found the server's port closed.
         */
        UNREACHABLE,
        /** The calling thread was interrupted; the child was stopped and waited for. */
        CANCELLED,
        /** Anything else. */
        FAILED;

        /**
         * A wrong password, a missing or unreachable repository or restic: every backup fails
         * alike, so stop and say it once.
         */
        public boolean affectsEveryBackup() {
            return this == WRONG_PASSWORD || this == REPOSITORY_MISSING || this == UNREACHABLE || this == NOT_INSTALLED
                    || this == UNSUPPORTED_VERSION;
        }
    }

    /** Exit code used when no restic process ran or none finished. */
    public static final int NO_EXIT_CODE = -1;

    private final Kind kind;
    private final int exitCode;
    private final String commandLine;
    private final List<String> stderrTail;

    public ResticException(Kind kind, int exitCode, String commandLine, List<String> stderrTail, String message) {
        this(kind, exitCode, commandLine, stderrTail, message, null);
    }

    public ResticException(Kind kind, int exitCode, String commandLine, List<String> stderrTail, String message,
            Throwable cause) {
        super(message, cause);
        this.kind = kind;
        this.exitCode = exitCode;
        this.commandLine = commandLine;
        this.stderrTail = List.copyOf(stderrTail);
    }

    public Kind kind() {
        return kind;
    }

    /** restic's exit code, or {@link #NO_EXIT_CODE}. */
    public int exitCode() {
        return exitCode;
    }

    /** The binary and its arguments as run. */
    public String commandLine() {
        return commandLine;
    }

    /** The last lines restic wrote to stderr (JSON errors made readable), oldest first. */
    public List<String> stderrTail() {
        return stderrTail;
    }

    /** The message, the command and the stderr tail: what a failing test or {@code --debug} shows. */
    public String details() {
        StringBuilder b = new StringBuilder(getMessage()).append("\n  command: ").append(commandLine)
                .append("\n  exit code: ").append(exitCode);
        stderrTail.forEach(line -> b.append("\n  stderr: ").append(line));
        return b.toString();
    }
}
