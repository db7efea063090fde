package org.claimback.restore;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import org.claimback.catalog.ClaimRecord;
import org.claimback.catalog.SnapshotRecord;
import org.claimback.outcome.ExitCode;
import org.claimback.outcome.UserError;
import org.junit.jupiter.api.Test;

/** Choosing among a claim's snapshots by time, without restic: partial and suspicious ones are never chosen. */
class SnapshotChoiceTest {
    private static final ClaimRecord CLAIM = new ClaimRecord(1, "default-web", "default", "web", "name", List.of(),
            Instant.EPOCH, Instant.EPOCH);

    private static SnapshotRecord snapshot(String id, String time, boolean partial, boolean suspicious) {
        return new SnapshotRecord(0, id, id, 1, 1L, null, Instant.parse(time), "h", "/srv/x", List.of(), partial, 0, 0, 0,
                1, 1, 0, suspicious, true);
    }

    private final List<SnapshotRecord> newestFirst = List.of(
            snapshot("aaaa0005", "2026-11-24T10:00:00Z", false, true),
            snapshot("aaaa0004", "2026-11-23T10:00:00Z", true, false),
            snapshot("aaaa0003", "2026-11-22T10:00:00Z", false, false),
            snapshot("aaaa0002", "2026-11-21T10:00:00Z", false, false),
            snapshot("aaaa0001", "2026-11-20T10:00:00Z", false, false));

    private String choose(String at) {
        return SnapshotChoice.newestGood(CLAIM, newestFirst, at == null ? null : Instant.parse(at)).resticId();
    }

    @Test
    void should_pick_the_newest_good_snapshot_skipping_suspicious_and_partial_ones() {
        assertEquals("aaaa0003", choose(null));
    }

    @Test
    void should_pick_the_newest_good_snapshot_at_or_before_the_time() {
        assertEquals("aaaa0002", choose("2026-11-21T10:00:00Z"), "a snapshot exactly at the time counts");
        assertEquals("aaaa0002", choose("2026-11-22T09:59:59Z"));
        assertEquals("aaaa0001", choose("2026-11-21T09:59:59Z"));
        assertEquals("aaaa0003", choose("2026-11-24T11:00:00Z"), "the suspicious and partial ones after it are skipped");
    }

    @Test
    void should_fail_when_nothing_is_that_old_naming_the_oldest() {
        UserError e = assertThrows(UserError.class, () -> choose("2026-11-19T00:00:00Z"));
        assertEquals(ExitCode.FAILED, e.exitCode());
        assertTrue(e.getMessage().contains("no snapshot at or before") && e.getMessage().contains("2026-11-20T10:00:00Z"),
                e.getMessage());
    }

    @Test
    void should_fail_when_only_bad_snapshots_are_left_telling_how_to_name_one() {
        UserError e = assertThrows(UserError.class, () -> SnapshotChoice.newestGood(CLAIM, newestFirst.subList(0, 2), null));
        assertTrue(e.getMessage().contains("only partial or suspicious") && e.getMessage().contains("--snapshot ID")
                && e.getMessage().contains("--allow-suspicious"), e.getMessage());
        UserError partial = assertThrows(UserError.class, () -> SnapshotChoice.newestGood(CLAIM, newestFirst.subList(1, 2), null));
        assertTrue(partial.getMessage().contains("has only partial snapshots") && !partial.getMessage().contains("suspicious"),
                partial.getMessage());
        UserError none = assertThrows(UserError.class, () -> SnapshotChoice.newestGood(CLAIM, List.of(), null));
        assertTrue(none.getMessage().contains("has no snapshots") && none.getMessage().contains("claimback backup"),
                none.getMessage());
    }
}
