package org.claimback.drill;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.claimback.catalog.ClaimRecord;
import org.claimback.catalog.RunRecord;
import org.junit.jupiter.api.Test;

class DrillRotationTest {
    private static final Instant T0 = Instant.parse("2025-01-05T04:00:00Z");

    private static ClaimRecord claim(long id, String key) {
        return new ClaimRecord(id, key, null, null, "none", List.of(), T0, T0);
    }

    private static RunRecord drill(long claimId, int daysAgo, String state) {
        Instant started = T0.minusSeconds(86_400L * daysAgo);
        return new RunRecord(100 + claimId, "drill", claimId, null, "h", "schedule", started, started.plusSeconds(30), state,
                null, "abc", "/scratch", 1L, 1L);
    }

    @Test
    void should_take_never_drilled_claims_first_in_claim_key_order() {
        var choice = DrillRotation.next(List.of(claim(1, "b-web"), claim(2, "a-db"), claim(3, "c-old")),
                Map.of(3L, drill(3, 30, "ok")));
        assertEquals("a-db", choice.orElseThrow().claim().claimKey());
        assertEquals("never drilled", choice.get().reason());
    }

    @Test
    void should_take_the_claim_drilled_longest_ago_whether_that_drill_failed_or_not() {
        var choice = DrillRotation.next(List.of(claim(1, "a-db"), claim(2, "b-web"), claim(3, "c-cache")),
                Map.of(1L, drill(1, 1, "failed"), 2L, drill(2, 14, "failed"), 3L, drill(3, 7, "ok")));
        assertEquals("b-web", choice.orElseThrow().claim().claimKey());
        assertTrue(choice.get().reason().contains("(failed)"), choice.get().reason());
        assertEquals(drill(2, 14, "failed"), choice.get().lastDrill());
    }

    @Test
    void should_break_ties_by_claim_key() {
        var choice = DrillRotation.next(List.of(claim(1, "b-web"), claim(2, "a-db")),
                Map.of(1L, drill(1, 3, "ok"), 2L, drill(2, 3, "ok")));
        assertEquals("a-db", choice.orElseThrow().claim().claimKey());
    }

    @Test
    void should_ignore_drills_of_claims_that_are_not_eligible_and_choose_nothing_from_nothing() {
        assertTrue(DrillRotation.next(List.of(), Map.of(1L, drill(1, 3, "ok"))).isEmpty());
        var choice = DrillRotation.next(List.of(claim(2, "b-web")), Map.of(1L, drill(1, 90, "ok"), 2L, drill(2, 1, "ok")));
        assertEquals("b-web", choice.orElseThrow().claim().claimKey());
    }

    @Test
    void should_go_round_every_claim_once_before_drilling_one_twice() {
        List<ClaimRecord> claims = List.of(claim(1, "a"), claim(2, "b"), claim(3, "c"));
        java.util.Map<Long, RunRecord> last = new java.util.HashMap<>();
        List<String> order = new java.util.ArrayList<>();
        for (int day = 6; day > 0; day--) {
            ClaimRecord next = DrillRotation.next(claims, last).orElseThrow().claim();
            order.add(next.claimKey());
            last.put(next.id(), drill(next.id(), day, day == 5 ? "failed" : "ok"));
        }
        assertEquals(List.of("a", "b", "c", "a", "b", "c"), order);
    }
}
