package org.claimback.restore;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import org.claimback.outcome.ExitCode;
import org.claimback.outcome.UserError;
import org.junit.jupiter.api.Test;

class SnapshotTimeTest {
    private static final Instant NOW = Instant.parse("2026-11-25T12:00:00Z");

    @Test
    void should_read_iso_instants_with_a_zone_or_an_offset() {
        assertEquals(Instant.parse("2026-11-20T10:00:00Z"), SnapshotTime.parse("2026-11-20T10:00:00Z", NOW));
        assertEquals(Instant.parse("2026-11-20T09:00:00Z"), SnapshotTime.parse("2026-11-20T10:00:00+01:00", NOW));
        assertEquals(Instant.parse("2026-11-20T10:00:00.250Z"), SnapshotTime.parse(" 2026-11-20T10:00:00.25Z ", NOW));
    }

    @Test
    void should_read_a_local_date_time_without_zone_as_utc() {
        assertEquals(Instant.parse("2026-11-20T10:00:00Z"), SnapshotTime.parse("2026-11-20T10:00", NOW));
        assertEquals(Instant.parse("2026-11-20T10:00:05Z"), SnapshotTime.parse("2026-11-20T10:00:05", NOW));
    }

    @Test
    void should_read_a_date_as_the_end_of_that_day_utc() {
        Instant end = SnapshotTime.parse("2026-11-20", NOW);
        assertTrue(end.isBefore(Instant.parse("2026-11-21T00:00:00Z")), end::toString);
        assertTrue(end.isAfter(Instant.parse("2026-11-20T23:59:59.999Z")), end::toString);
    }

    @Test
    void should_read_ages_before_now_in_minutes_hours_days_and_weeks() {
        assertEquals(NOW.minus(Duration.ofMinutes(90)), SnapshotTime.parse("90m", NOW));
        assertEquals(NOW.minus(Duration.ofHours(12)), SnapshotTime.parse("12h", NOW));
        assertEquals(NOW.minus(Duration.ofDays(2)), SnapshotTime.parse("2d", NOW));
        assertEquals(NOW.minus(Duration.ofDays(7)), SnapshotTime.parse("1W", NOW));
        assertEquals(NOW, SnapshotTime.parse("0m", NOW));
    }

    @Test
    void should_refuse_anything_else_with_a_usage_error_naming_the_accepted_forms() {
        for (String bad : new String[] {"", "yesterday", "2d3h", "-2d", "2026-13-01", "10:00", "2026/11/20", "2 d"}) {
            UserError e = assertThrows(UserError.class, () -> SnapshotTime.parse(bad, NOW), bad);
            assertEquals(ExitCode.USAGE, e.exitCode(), bad);
            assertTrue(e.getMessage().startsWith("--at ") && e.getMessage().contains("2026-11-20T10:00:00Z")
                    && e.getMessage().contains("2d") && !e.getMessage().contains("\n"), e.getMessage());
        }
    }
}
