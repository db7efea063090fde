package org.claimback.backup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.claimback.catalog.ShrinkRecord;
import org.claimback.catalog.SnapshotRecord;
import org.junit.jupiter.api.Test;

/** The shrink guard's rule on its own. */
class ShrinkGuardTest {
    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    private static SnapshotRecord snapshot(long id, int hour, long files, long bytes, boolean partial, boolean suspicious,
            boolean totalsKnown) {
        return new SnapshotRecord(id, "abcdef0" + id, "abcdef0" + id, 1, 1L, null, T0.plusSeconds(3600L * hour), "h", "/v",
                List.of(), partial, 0, 0, 0, files, bytes, 0, suspicious, totalsKnown);
    }

    @Test
    void should_measure_against_the_newest_snapshot_that_is_not_partial_suspicious_or_without_totals() {
        SnapshotRecord good = snapshot(1, 1, 100, 1000, false, false, true);
        List<SnapshotRecord> all = List.of(good, snapshot(2, 2, 1, 1, true, false, true), snapshot(3, 3, 1, 1, false, true, true),
                snapshot(4, 4, 0, 0, false, false, false));

        assertEquals(Optional.of(good), ShrinkGuard.reference(all, List.of()));
    }

    @Test
    void should_flag_fewer_than_the_percentage_of_files_or_of_bytes_and_say_both_numbers() {
        ShrinkGuard guard = new ShrinkGuard(10);
        Optional<SnapshotRecord> ref = Optional.of(snapshot(1, 1, 100, 1000, false, false, true));

        assertEquals(Optional.empty(), guard.snapshot(ref, 10, 100, "ns/app"), "exactly 10% is not under 10%");
        String files = guard.snapshot(ref, 9, 1000, "ns/app").orElseThrow();
        assertTrue(files.contains("9 files, 1000 bytes now against 100 files, 1000 bytes"), files);
        assertTrue(files.contains("of its files:"), files);
        assertTrue(files.endsWith("claimback accept ns/app"), files);
        assertTrue(guard.snapshot(ref, 100, 99, "ns/app").orElseThrow().contains("of its bytes:"));
    }

    @Test
    void should_flag_an_empty_volume_only_when_a_good_snapshot_had_files() {
        ShrinkGuard guard = new ShrinkGuard(10);

        assertTrue(guard.emptyVolume(Optional.of(snapshot(1, 1, 3, 30, false, false, true)), "ns/app").isPresent());
        assertEquals(Optional.empty(), guard.emptyVolume(Optional.empty(), "ns/app"));
        assertEquals(Optional.empty(), guard.emptyVolume(Optional.of(snapshot(1, 1, 0, 0, false, false, true)), "ns/app"));
    }

    @Test
    void should_do_nothing_at_zero_percent() {
        ShrinkGuard off = new ShrinkGuard(0);
        Optional<SnapshotRecord> ref = Optional.of(snapshot(1, 1, 100, 1000, false, false, true));

        assertEquals(Optional.empty(), off.snapshot(ref, 0, 0, "ns/app"));
        assertEquals(Optional.empty(), off.emptyVolume(ref, "ns/app"));
    }

    @Test
    void should_forget_the_reference_once_an_empty_volume_found_after_it_was_accepted() {
        SnapshotRecord good = snapshot(1, 1, 100, 1000, false, false, true);
        ShrinkRecord acceptedEmpty = new ShrinkRecord(1, 1, T0.plusSeconds(7200), 5L, null, "empty", T0.plusSeconds(9000));
        ShrinkRecord pendingEmpty = new ShrinkRecord(2, 1, T0.plusSeconds(7200), 5L, null, "empty", null);
        ShrinkRecord acceptedBefore = new ShrinkRecord(3, 1, T0, 5L, null, "empty", T0.plusSeconds(100));

        assertEquals(Optional.empty(), ShrinkGuard.reference(List.of(good), List.of(acceptedEmpty)));
        assertEquals(Optional.of(good), ShrinkGuard.reference(List.of(good), List.of(pendingEmpty)));
        assertEquals(Optional.of(good), ShrinkGuard.reference(List.of(good), List.of(acceptedBefore)));
    }
}
