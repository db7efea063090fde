package org.claimback.catalog;

import static org.claimback.catalog.Fixtures.at;
import static org.claimback.catalog.Fixtures.claim;
import static org.claimback.catalog.Fixtures.snapshot;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What V005 added: fingerprints, shrinks, run counts and added bytes, run detail and problems. */
class UpkeepRecordsTest {
    @TempDir
    Path dir;
    Catalog catalog;
    ClaimRecord data;
    VolumeRecord volume;

    @BeforeEach
    void open() {
        catalog = Catalog.open(dir.resolve("catalog.db"));
        data = claim(catalog, "default", "data");
        volume = Fixtures.volume(catalog, data, "pvc-1111");
    }

    @AfterEach
    void close() {
        catalog.close();
    }

    @Test
    void should_store_replace_and_forget_a_volume_fingerprint() {
        assertTrue(catalog.fingerprintOf(volume.id()).isEmpty());
        FingerprintRecord first = new FingerprintRecord(volume.id(), "ab12", 10, 1000, "1111aaaa", at(0));
        catalog.putFingerprint(first);
        assertEquals(first, catalog.fingerprintOf(volume.id()).orElseThrow());

        FingerprintRecord second = new FingerprintRecord(volume.id(), "cd34", 11, 1200, "2222bbbb", at(5));
        catalog.putFingerprint(second);
        assertEquals(second, catalog.fingerprintOf(volume.id()).orElseThrow());

        catalog.forgetFingerprint(volume.id());
        assertTrue(catalog.fingerprintOf(volume.id()).isEmpty());
    }

    @Test
    void should_keep_a_shrink_pending_until_a_person_accepts_it_and_then_clear_suspicious_snapshots() {
        SnapshotRecord good = catalog.addSnapshot(snapshot(data.id(), "aaaa1111", at(0)));
        SnapshotRecord small = catalog.addSnapshot(snapshot(data.id(), "bbbb2222", at(60)));
        catalog.setSuspicious(small.id(), true);
        ShrinkRecord shrink = catalog.addShrink(data.id(), at(60), null, small.resticId(), "3 files where there were 6000");

        assertEquals(List.of(shrink), catalog.pendingShrinks(data.id()));
        assertEquals(List.of(shrink), catalog.pendingShrinks(null));
        assertTrue(shrink.pending());

        List<ShrinkRecord> accepted = catalog.acceptShrinks(data.id(), at(90));

        assertEquals(List.of(shrink), accepted);
        assertTrue(catalog.pendingShrinks(data.id()).isEmpty());
        assertEquals(at(90), catalog.shrinksOf(data.id()).get(0).acceptedAt());
        assertTrue(catalog.snapshotsOf(data.id()).stream().noneMatch(SnapshotRecord::suspicious));
        assertEquals(good.resticId(), catalog.snapshotsOf(data.id()).get(1).resticId());
        assertTrue(catalog.acceptShrinks(data.id(), at(91)).isEmpty(), "nothing left to accept");
    }

    @Test
    void should_count_finished_runs_by_kind_and_state_and_sum_added_bytes_that_never_shrink() {
        long ok = catalog.startRun("backup", data.id(), volume.id(), "nfs1", "schedule", at(0));
        catalog.finishRun(ok, "ok", null, "aaaa1111", at(1));
        catalog.recordBytesAdded(ok, 500);
        long unchanged = catalog.startRun("backup", data.id(), volume.id(), "nfs1", "schedule", at(2));
        catalog.finishRun(unchanged, "skipped-unchanged", "unchanged", "aaaa1111", at(2));
        long check = catalog.startRun("check", null, null, "nfs1", "schedule", at(3));
        catalog.finishRun(check, "failed", "1 problem", null, at(4));
        catalog.recordRunProblems(check, 1);
        catalog.recordRunDetail(check, "pack 1234: does not match\nrepository contains errors");
        catalog.startRun("backup", data.id(), volume.id(), "nfs1", "schedule", at(5)); // still running: not counted

        assertEquals(List.of(new RunCount("backup", "ok", 1), new RunCount("backup", "skipped-unchanged", 1),
                new RunCount("check", "failed", 1)), catalog.runCounts());
        assertEquals(500, catalog.totalBytesAdded());
        RunRecord checked = catalog.newestRepositoryRun("check").orElseThrow();
        assertEquals(1L, checked.problems());
        assertTrue(checked.detail().startsWith("pack 1234"));
        assertEquals(500L, catalog.runById(ok).orElseThrow().bytesAdded());

        catalog.addSnapshot(snapshot(data.id(), "aaaa1111", at(0)));
        catalog.deleteSnapshots(catalog.snapshotsOf(data.id()).stream().map(SnapshotRecord::id).toList());
        assertEquals(500, catalog.totalBytesAdded(), "forgetting snapshots never lowers the counter");
    }

    @Test
    void should_find_each_claims_newest_run_among_several_states() {
        long ok = catalog.startRun("backup", data.id(), volume.id(), "nfs1", "schedule", at(0));
        catalog.finishRun(ok, "ok", null, "aaaa1111", at(1));
        long unchanged = catalog.startRun("backup", data.id(), volume.id(), "nfs1", "schedule", at(10));
        catalog.finishRun(unchanged, "skipped-unchanged", null, "aaaa1111", at(10));
        long failed = catalog.startRun("backup", data.id(), volume.id(), "nfs1", "schedule", at(20));
        catalog.finishRun(failed, "failed", "boom", null, at(21));

        Map<Long, RunRecord> success = catalog.newestRunsOfKindIn("backup", Set.of("ok", "skipped-unchanged"));

        assertEquals(unchanged, success.get(data.id()).id());
        assertFalse(catalog.newestRepositoryRun("prune").isPresent());
        assertThrows(IllegalArgumentException.class, () -> catalog.newestRunsOfKindIn("backup", Set.of("great")));
    }
}
