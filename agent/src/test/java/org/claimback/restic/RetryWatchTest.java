package org.claimback.restic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** When claimback stops restic's own retries, from the lines restic 0.18 prints. */
class RetryWatchTest {
    private static final long S = 1_000_000_000L;
    private static final String DOWN = "Save(<data/0ed6021c9b>) returned error, retrying after 1.2s: client.PutObject: Put"
            + " \"http://127.0.0.1:9000/b/data/0e\": dial tcp 127.0.0.1:9000: connect: connection refused";

    @Test
    void a_streak_of_retries_longer_than_the_window_gives_up_once_and_says_restics_reason() {
        RetryWatch watch = new RetryWatch(Duration.ofSeconds(180));
        assertFalse(watch.giveUp("Files: 10 new", 0));
        assertFalse(watch.giveUp(DOWN, 0));
        assertFalse(watch.giveUp(DOWN, 60 * S));
        assertFalse(watch.giveUp(DOWN, 150 * S));
        assertTrue(watch.giveUp(DOWN, 181 * S));
        assertFalse(watch.giveUp(DOWN, 200 * S), "only once");
        assertTrue(watch.gaveUp());
        assertFalse(watch.refused());
        assertTrue(watch.reason().endsWith("connect: connection refused"), watch.reason());
    }

    @Test
    void a_quiet_spell_ends_the_streak_because_restic_got_through() {
        RetryWatch watch = new RetryWatch(Duration.ofSeconds(180));
        assertFalse(watch.giveUp(DOWN, 0));
        assertFalse(watch.giveUp(DOWN, 100 * S));
        assertFalse(watch.giveUp(DOWN, 300 * S), "200 s without a retry: a new streak began");
        assertFalse(watch.giveUp(DOWN, 360 * S));
        assertFalse(watch.giveUp(DOWN, 420 * S));
        assertTrue(watch.giveUp(DOWN, 481 * S));
    }

    @Test
    void refused_credentials_give_up_at_the_first_retry() {
        RetryWatch watch = new RetryWatch(Duration.ofSeconds(180));
        assertTrue(watch.giveUp("Stat(<config/>) returned error, retrying after 720ms: Stat: Forbidden", 0));
        assertTrue(watch.refused());
        assertEquals("Stat: Forbidden", watch.reason());
        assertTrue(RetryWatch.isRefusal("client.PutObject: The AWS Access Key Id you provided does not exist (InvalidAccessKeyId)"));
        assertFalse(RetryWatch.isRefusal("dial tcp 127.0.0.1:9000: connect: connection refused"));
    }
}
