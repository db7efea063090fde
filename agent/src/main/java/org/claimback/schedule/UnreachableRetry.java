package org.claimback.schedule;

import java.time.Duration;
import java.util.function.Supplier;
import org.claimback.config.AgentConfig;
import org.claimback.engine.StopSignal;
import org.claimback.outcome.Failures;
import org.claimback.restic.ResticException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How a scheduled job rides out a repository it cannot reach: after an attempt that failed with
 * {@link ResticException.Kind#UNREACHABLE}, it waits {@code agent.unreachableBackoff} (doubling
 * with each further retry) and tries again, at most {@code agent.unreachableRetries} times; then
 * the last failure is thrown. Any other outcome ends it at once. The wait ends early, without a
 * further attempt, when the agent is stopping or the job's thread is interrupted.
 *
 * <p>Only the agent's schedule retries: {@code claimback backup} says it once and exits 1.
 */
public final class UnreachableRetry {
    private static final Logger LOG = LoggerFactory.getLogger(UnreachableRetry.class);
    /** How often the wait looks at the stop signal. */
    private static final Duration SLICE = Duration.ofMillis(100);

    private final int retries;
    private final Duration backoff;
    private final StopSignal stopSignal;

    public UnreachableRetry(int retries, Duration backoff, StopSignal stopSignal) {
        if (retries < 0) {
            throw new IllegalArgumentException("retries must not be negative, got " + retries);
        }
        this.retries = retries;
        this.backoff = backoff;
        this.stopSignal = stopSignal;
    }

    /** The policy of {@code agent.unreachableRetries} and {@code agent.unreachableBackoff}. */
    public static UnreachableRetry of(AgentConfig agent, StopSignal stopSignal) {
        return new UnreachableRetry(agent.unreachableRetries(), agent.unreachableBackoff(), stopSignal);
    }

    /** The wait before retry {@code n} (1 for the first): the backoff, doubled n-1 times. */
    public Duration delayBefore(int n) {
        return backoff.multipliedBy(1L << Math.min(n - 1, 30));
    }

    /**
     * Runs {@code attempt}, and again after each UNREACHABLE failure while retries are left.
     *
     * @param what names the job in logs, e.g. "scheduled backup (default schedule ...)"
     * @return the first attempt's result that did not fail as unreachable
     * @throws ResticException UNREACHABLE when the last attempt failed so, or when a wait was cut
     *     short by the agent's stop (the thread's interrupt flag is then kept); whatever
     *     {@code attempt} throws otherwise
     */
    public <T> T run(String what, Supplier<T> attempt) {
        for (int retry = 1; ; retry++) {
            try {
                return attempt.get();
            } catch (ResticException e) {
                if (e.kind() != ResticException.Kind.UNREACHABLE || retry > retries) {
                    if (e.kind() == ResticException.Kind.UNREACHABLE && retries > 0) {
                        LOG.error("{}: giving up after {} attempts: {}", what, retries + 1, Failures.message(e));
                    }
                    throw e;
                }
                Duration delay = delayBefore(retry);
                LOG.warn("{}: attempt {} of {} failed: {}; trying again in {}", what, retry, retries + 1,
                        Failures.message(e), text(delay));
                if (!pause(delay)) {
                    LOG.info("{}: not trying again: the agent is stopping", what);
                    throw e;
                }
            }
        }
    }

    /** Sleeps {@code delay}; false (at once) when the agent is stopping or the thread is interrupted. */
    boolean pause(Duration delay) {
        long deadline = System.nanoTime() + delay.toNanos();
        while (!stopSignal.stopping()) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return true;
            }
            try {
                Thread.sleep(Math.max(1, Math.min(SLICE.toMillis(), left / 1_000_000)));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return false;
    }

    private static String text(Duration d) {
        long s = d.toSeconds();
        return s < 120 ? s + " s" : s < 7200 ? (s / 60) + " min" : (s / 3600) + " h";
    }
}
