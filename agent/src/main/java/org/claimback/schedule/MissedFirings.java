package org.claimback.schedule;

import java.time.Instant;
import java.util.Optional;

/**
 * The rule for downtime: a job whose cron fired at least once between its last run (from the
 * catalogue) and now missed those firings while the agent was down, and runs once now, however
 * many it missed. A job that never ran on this catalogue has nothing to catch up.
 *
 * @param cron    the job's Quartz cron expression
 * @param lastRun when the job last started on a schedule, or null: never
 * @param count   how many firings fell between {@code lastRun} and now (capped at {@link #COUNT_LIMIT})
 * @param first   the first missed firing, or null when none was missed
 */
public record MissedFirings(String cron, Instant lastRun, int count, Instant first) {
    /** Counting stops here: a per-second cron down for a month is "more than 10000", not a slow start. */
    public static final int COUNT_LIMIT = 10_000;

    /** How many firings of {@code cron} fell after {@code lastRun} and up to {@code now}. */
    public static MissedFirings between(String cron, Instant lastRun, Instant now) {
        if (cron == null || lastRun == null) {
            return new MissedFirings(cron, lastRun, 0, null);
        }
        Instant first = null;
        int count = 0;
        Instant at = lastRun;
        while (count < COUNT_LIMIT) {
            Optional<Instant> next = ClaimSchedules.next(cron, at);
            if (next.isEmpty() || next.get().isAfter(now)) {
                break;
            }
            if (first == null) {
                first = next.get();
            }
            count++;
            at = next.get();
        }
        return new MissedFirings(cron, lastRun, count, first);
    }

    /** True when the job should run once now. */
    public boolean missed() {
        return count > 0;
    }

    /** One line for the log, e.g. "missed 3 firings since 2026-01-01T02:00:00Z while the agent was down: running once now". */
    public String reason() {
        if (lastRun == null) {
            return "never ran on a schedule with this catalogue: nothing to catch up";
        }
        if (!missed()) {
            return "last ran " + lastRun + ", no firing missed";
        }
        String n = count >= COUNT_LIMIT ? "more than " + COUNT_LIMIT : String.valueOf(count);
        return "missed " + n + " firing" + (count == 1 ? "" : "s") + " since " + lastRun
                + " while the agent was down: running once now";
    }
}
