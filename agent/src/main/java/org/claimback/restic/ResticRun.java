package org.claimback.restic;

import java.util.List;

/**
 * A restic process that ran to its end, whatever its exit code. Turn a failed one into a
 * {@link ResticException} with {@link Restic#failure(ResticRun)}.
 *
 * @param command the subcommand ({@code backup}, {@code snapshots}, ...), for messages and logs
 * @param commandLine the binary and its arguments; no secrets by construction
 * @param stderrTail the last 20 stderr lines, readable
 * @param headline the stderr line that says what went wrong ("Fatal: " removed): the message of
 *     a JSON {@code exit_error} (0.18+), else the last "Fatal:" line, else the last line; empty
 *     when restic wrote nothing to stderr
 */
public record ResticRun(String command, String commandLine, int exitCode, List<String> stderrTail, String headline) {

    public ResticRun {
        stderrTail = List.copyOf(stderrTail);
    }

    public boolean succeeded() {
        return exitCode == 0;
    }
}
