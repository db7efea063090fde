package org.claimback.runbook;

/** Quoting for the shell lines a person copies. */
final class Shell {
    private Shell() {}

    /** {@code text} in single quotes, safe for any content ({@code '} becomes {@code '\''}). */
    static String quote(String text) {
        return "'" + text.replace("'", "'\\''") + "'";
    }
}
