package org.claimback.outcome;

/**
 * A failure meant for the person at the terminal: the message is one line that says what is
 * wrong and how to fix it, and the exit code is the one to report. No stack trace is shown
 * unless {@code --debug}.
 */
public class UserError extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final ExitCode exitCode;

    public UserError(ExitCode exitCode, String message) {
        super(message);
        this.exitCode = exitCode;
    }

    public UserError(ExitCode exitCode, String message, Throwable cause) {
        super(message, cause);
        this.exitCode = exitCode;
    }

    /** Bad usage, config or setup: exit code 2. */
    public static UserError usage(String message) {
        return new UserError(ExitCode.USAGE, message);
    }

    /** The operation failed: exit code 1. */
    public static UserError failed(String message) {
        return new UserError(ExitCode.FAILED, message);
    }

    public ExitCode exitCode() {
        return exitCode;
    }
}
