package org.claimback.outcome;

import org.claimback.catalog.CatalogException;
import org.claimback.restic.ResticException;

/**
 * The one place where a failure becomes an exit code and a one-line message. Used by the CLI's
 * exception handler and by the agent's logs, so both say the same thing.
 */
public final class Failures {
    private Failures() {}

    /** The exit code for a failure. Unknown failures are {@link ExitCode#FAILED}. */
    public static ExitCode exitCode(Throwable t) {
        if (t instanceof UserError u) {
            return u.exitCode();
        }
        if (t instanceof CatalogException) {
            return ExitCode.USAGE;
        }
        if (t instanceof ResticException r) {
            return switch (r.kind()) {
                case NOT_INSTALLED, UNSUPPORTED_VERSION, WRONG_PASSWORD, REPOSITORY_MISSING -> ExitCode.USAGE;
                default -> ExitCode.FAILED;
            };
        }
        return ExitCode.FAILED;
    }

    /** One line that says what went wrong; for unexpected errors, the exception and where to look. */
    public static String message(Throwable t) {
        if (t instanceof UserError || t instanceof CatalogException || t instanceof ResticException) {
            return firstLine(t.getMessage());
        }
        String text = t.getMessage() == null ? "" : ": " + firstLine(t.getMessage());
        return "unexpected " + t.getClass().getSimpleName() + text + " (run again with --debug for details)";
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "";
        }
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }
}
