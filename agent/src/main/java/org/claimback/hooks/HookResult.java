package org.claimback.hooks;

import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;

/**
 * What one hook command did. exitCode is -1 when it was killed (timeout or cancel) or could not start.
 *
 * @param phase      {@code before}, {@code after} or {@code onError}
 * @param command    the argument list as configured (never the environment)
 * @param exitCode   the command's exit code; -1 when it was killed or could not start
 * @param timedOut   true when it ran past its timeout and was killed with its descendants
 * @param outputTail the last lines of its merged stdout and stderr, each cut to {@link #LINE_LIMIT} characters
 * @param took       from start to end; when it timed out, from start to the moment the timeout struck (the kill
 *                   that follows, up to 5 s of grace, is not counted), so the summary names the timeout
 * @param startError why it could not start, or null when it started
 */
public record HookResult(String phase, List<String> command, int exitCode, boolean timedOut, List<String> outputTail,
                         Duration took, String startError) {
    /** How many output lines a result keeps. */
    public static final int TAIL_LINES = 20;
    /** How many characters of each kept line a result keeps. */
    public static final int LINE_LIMIT = 300;

    public HookResult {
        command = List.copyOf(command);
        outputTail = List.copyOf(outputTail);
    }

    /** True when it started, exited 0 and did not time out. */
    public boolean ok() {
        return exitCode == 0 && !timedOut && startError == null;
    }

    /**
     * One line for a run's error: e.g. "before hook timed out after 5s (killed): /bin/sh -c 'sleep 60'" or
     * "before hook exited 3: ./pause.sh: last output: cannot reach app" — command shown without env.
     */
    public String summary() {
        String shown = shellLine(command);
        if (startError != null) {
            return phase + " hook could not start: " + shown + ": " + startError;
        }
        String what = timedOut ? phase + " hook timed out after " + human(took) + " (killed): " + shown
                : phase + " hook exited " + exitCode + ": " + shown;
        return outputTail.isEmpty() ? what : what + ": last output: " + outputTail.get(outputTail.size() - 1);
    }

    /** The arguments as a shell would need them typed: quoted only where needed. */
    static String shellLine(List<String> args) {
        return args.stream().map(HookResult::quote).collect(Collectors.joining(" "));
    }

    private static String quote(String arg) {
        return !arg.isEmpty() && arg.chars().allMatch(c -> Character.isLetterOrDigit(c) || "/._-=:,+@%".indexOf(c) >= 0)
                ? arg : "'" + arg.replace("'", "'\\''") + "'";
    }

    /** 5s, 1m30s, 2h; whole seconds, or milliseconds under one second. */
    static String human(Duration d) {
        long s = d.toSeconds();
        if (s == 0) {
            return d.toMillis() + "ms";
        }
        StringBuilder out = new StringBuilder();
        if (s >= 3600) {
            out.append(s / 3600).append('h');
        }
        if (s % 3600 >= 60) {
            out.append(s % 3600 / 60).append('m');
        }
        if (s % 60 != 0 || out.length() == 0) {
            out.append(s % 60).append('s');
        }
        return out.toString();
    }
}
