package org.claimback.restic;

import java.time.Duration;

/**
 * Watches restic's stderr for its backend retries ({@code ... returned error, retrying after
 * 2.1s: REASON}) and says when to give up: restic 0.17 and newer retry a server that went away for
 * up to 15 minutes, which holds every later volume of a night's batch. A streak of retries that
 * has gone on for longer than {@link #window()} ends the command (claimback stops restic as on a
 * cancel and reports the repository unreachable; the agent's own backoff then takes over). A gap
 * of more than {@link #QUIET} between retry lines ends a streak: restic got through. A retry of a
 * request the server refused (403 Forbidden, access denied, a bad signature) ends the command at
 * once: retrying cannot fix credentials.
 *
 * <p>The window is 3 minutes; the system property {@code claimback.restic.retryWindowSeconds}
 * changes it (for tests).
 */
public final class RetryWatch {
    static final String RETRYING = " returned error, retrying after ";
    static final Duration QUIET = Duration.ofSeconds(90);
    static final Duration DEFAULT_WINDOW = Duration.ofMinutes(3);

    private final Duration window;
    private long streakStart = -1;
    private long lastRetry;
    private String reason;
    private boolean gaveUp;
    private boolean refused;

    RetryWatch(Duration window) {
        this.window = window;
    }

    /** The window from the system property, else {@link #DEFAULT_WINDOW}. */
    static RetryWatch configured() {
        String seconds = System.getProperty("claimback.restic.retryWindowSeconds");
        return new RetryWatch(seconds == null ? DEFAULT_WINDOW : Duration.ofSeconds(Long.parseLong(seconds)));
    }

    Duration window() {
        return window;
    }

    /** Takes one stderr line at {@code nanos}; true exactly once: when the streak outlasted the window. */
    synchronized boolean giveUp(String line, long nanos) {
        java.util.Optional<String> retried = retryReason(line);
        if (retried.isEmpty() || gaveUp) {
            return false;
        }
        if (streakStart < 0 || nanos - lastRetry > QUIET.toNanos()) {
            streakStart = nanos;
        }
        lastRetry = nanos;
        reason = retried.get();
        if (isRefusal(reason)) { // no retry gets past refused credentials: say so now, not in 15 minutes
            refused = true;
            gaveUp = true;
            return true;
        }
        if (nanos - streakStart > window.toNanos()) {
            gaveUp = true;
            return true;
        }
        return false;
    }

    /**
     * restic's reason when {@code line} is one of its backend retries: {@code Stat: Forbidden} from
     * {@code Stat(<config/>) returned error, retrying after 720ms: Stat: Forbidden}; empty otherwise.
     */
    public static java.util.Optional<String> retryReason(String line) {
        int at = line.indexOf(RETRYING);
        if (at < 0) {
            return java.util.Optional.empty();
        }
        String rest = line.substring(at + RETRYING.length());
        int colon = rest.indexOf(": ");
        return java.util.Optional.of(colon < 0 ? rest.strip() : rest.substring(colon + 2).strip());
    }

    /** The server answered and refused: wrong or missing credentials, or no permission. */
    static boolean isRefusal(String reason) {
        String r = reason.toLowerCase(java.util.Locale.ROOT);
        return r.contains("forbidden") || r.contains("access denied") || r.contains("accessdenied")
                || r.contains("invalidaccesskeyid") || r.contains("signaturedoesnotmatch") || r.contains("unauthorized");
    }

    /** Whether restic gave up because the server refused the credentials (not because it did not answer). */
    synchronized boolean refused() {
        return refused;
    }

    synchronized boolean gaveUp() {
        return gaveUp;
    }

    /** restic's last retry reason, e.g. {@code Stat: dial tcp 127.0.0.1:9000: connect: connection refused}. */
    synchronized String reason() {
        return reason;
    }
}
