package org.claimback.cli.restore;

import java.io.Console;
import java.util.Locale;
import org.claimback.outcome.UserError;

/** Asks before many claims are restored: on a terminal a y/N question, without one {@code --yes} is required. */
public final class Confirmation {
    private Confirmation() {}

    /**
     * True when the person said yes; without a terminal ({@code console} null) refuses with a usage
     * error naming {@code --yes}.
     */
    public static boolean ask(Console console, String question) {
        if (console == null) {
            throw UserError.usage("no terminal to confirm on: pass --yes to restore without asking (see the plan above),"
                    + " or --dry-run to only show the plan");
        }
        String answer = console.readLine("%s [y/N] ", question);
        return answer != null && (answer.strip().toLowerCase(Locale.ROOT).equals("y")
                || answer.strip().toLowerCase(Locale.ROOT).equals("yes"));
    }
}
