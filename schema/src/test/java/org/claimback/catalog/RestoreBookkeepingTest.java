package org.claimback.catalog;

import static org.claimback.catalog.Fixtures.at;
import static org.claimback.catalog.Fixtures.claim;
import static org.claimback.catalog.Fixtures.snapshot;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** V004: restore/drill targets and totals, suspicious snapshots, unknown totals, online copies. */
class RestoreBookkeepingTest {
    @TempDir
    Path dir;

    @Test
    void should_record_a_drills_target_totals_and_duration() {
        try (Catalog catalog = Catalog.open(dir.resolve("c.db"))) {
            ClaimRecord c = claim(catalog, "media", "jellyfin");
            long run = catalog.startRun("drill", c.id(), null, "nfs1", "schedule", at(0));
            catalog.recordRunTarget(run, "/var/lib/claimback/drills/1", 12L, 3400L);
            catalog.finishRun(run, "ok", null, "abcd1234", at(3));
            RunRecord r = catalog.runById(run).orElseThrow();
            assertEquals("/var/lib/claimback/drills/1", r.target());
            assertEquals(12L, r.files());
            assertEquals(3400L, r.bytes());
            assertEquals(Duration.ofMinutes(3), r.duration());
        }
    }

    @Test
    void should_find_each_claims_newest_run_of_a_kind_and_state() {
        try (Catalog catalog = Catalog.open(dir.resolve("c.db"))) {
            ClaimRecord a = claim(catalog, "media", "a");
            ClaimRecord b = claim(catalog, "media", "b");
            long a1 = catalog.startRun("drill", a.id(), null, "nfs1", "cli", at(0));
            catalog.finishRun(a1, "ok", null, null, at(1));
            long a2 = catalog.startRun("drill", a.id(), null, "nfs1", "cli", at(5));
            catalog.finishRun(a2, "failed", "boom", null, at(6));
            long b1 = catalog.startRun("restore", b.id(), null, "nfs1", "cli", at(7));
            catalog.finishRun(b1, "ok", null, null, at(8));

            assertEquals(a2, catalog.newestRunsOfKind("drill", null).get(a.id()).id());
            assertEquals(a1, catalog.newestRunsOfKind("drill", "ok").get(a.id()).id());
            assertFalse(catalog.newestRunsOfKind("drill", null).containsKey(b.id()));
            assertEquals(List.of(a2, a1), catalog.runsOfKind("drill", a.id(), 10).stream().map(RunRecord::id).toList());
            assertThrows(IllegalArgumentException.class, () -> catalog.runsOfKind("dance", null, 1));
        }
    }

    @Test
    void should_flag_suspicious_snapshots_and_learn_unknown_totals() {
        try (Catalog catalog = Catalog.open(dir.resolve("c.db"))) {
            ClaimRecord c = claim(catalog, "media", "jellyfin");
            SnapshotRecord s = catalog.addSnapshot(snapshot(c.id(), "aaaa1111", at(0)));
            assertFalse(s.suspicious());
            assertTrue(s.totalsKnown());
            catalog.setSuspicious(s.id(), true);
            assertTrue(catalog.snapshotsOf(c.id()).get(0).suspicious());

            SnapshotRecord unknown = snapshot(c.id(), "bbbb2222", at(1));
            unknown = new SnapshotRecord(0, unknown.resticId(), unknown.shortId(), c.id(), null, null, unknown.time(),
                    unknown.host(), unknown.sourcePath(), unknown.tags(), false, 0, 0, 0, 0, 0, 0, false, false);
            SnapshotRecord stored = catalog.addSnapshot(unknown);
            assertFalse(stored.totalsKnown());
            catalog.setSnapshotTotals(stored.id(), 7, 700);
            SnapshotRecord learned = catalog.snapshotByResticId("bbbb2222").orElseThrow();
            assertTrue(learned.totalsKnown());
            assertEquals(7, learned.filesTotal());
            assertEquals(700, learned.bytesTotal());
            assertEquals(2, catalog.snapshots().size());
        }
    }

    @Test
    void should_write_a_consistent_copy_that_opens_as_a_catalogue() {
        Path copy = dir.resolve("copy.db");
        try (Catalog catalog = Catalog.open(dir.resolve("c.db"))) {
            ClaimRecord c = claim(catalog, "media", "jellyfin");
            catalog.addSnapshot(snapshot(c.id(), "aaaa1111", at(0)));
            catalog.backupTo(copy);
            assertThrows(IllegalArgumentException.class, () -> catalog.backupTo(copy));
        }
        assertTrue(Files.isRegularFile(copy));
        try (Catalog restored = Catalog.openExisting(copy)) {
            assertEquals("media-jellyfin", restored.claims().get(0).claimKey());
            assertEquals(1, restored.snapshots().size());
        }
    }
}
