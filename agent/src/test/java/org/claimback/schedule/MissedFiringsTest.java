package org.claimback.schedule;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The downtime rule: missed firings since the last scheduled run mean one run now. */
class MissedFiringsTest {
    private static final String NIGHTLY = "0 0 2 * * ?";

    @Test
    void should_count_every_firing_missed_since_the_last_run_and_ask_for_one_run() {
        MissedFirings missed = MissedFirings.between(NIGHTLY, Instant.parse("2026-03-01T02:00:05Z"),
                Instant.parse("2026-03-04T09:00:00Z"));
        assertTrue(missed.missed());
        assertEquals(3, missed.count());
        assertEquals(Instant.parse("2026-03-02T02:00:00Z"), missed.first());
        assertEquals("missed 3 firings since 2026-03-01T02:00:05Z while the agent was down: running once now", missed.reason());
    }

    @Test
    void should_miss_nothing_when_the_next_firing_is_still_ahead() {
        MissedFirings missed = MissedFirings.between(NIGHTLY, Instant.parse("2026-03-01T02:00:05Z"),
                Instant.parse("2026-03-02T01:59:59Z"));
        assertFalse(missed.missed());
        assertEquals(0, missed.count());
    }

    @Test
    void should_never_catch_up_a_job_that_never_ran_on_this_catalogue() {
        MissedFirings missed = MissedFirings.between(NIGHTLY, null, Instant.parse("2026-03-04T09:00:00Z"));
        assertFalse(missed.missed());
        assertTrue(missed.reason().startsWith("never ran"), missed.reason());
    }

    @Test
    void should_stop_counting_at_the_limit_for_a_per_second_cron_down_for_days() {
        MissedFirings missed = MissedFirings.between("* * * * * ?", Instant.parse("2026-03-01T00:00:00Z"),
                Instant.parse("2026-03-04T00:00:00Z"));
        assertEquals(MissedFirings.COUNT_LIMIT, missed.count());
        assertTrue(missed.reason().startsWith("missed more than 10000 firings"), missed.reason());
    }
}
