package org.claimback.catalog;

import static org.claimback.catalog.Fixtures.at;
import static org.claimback.catalog.Fixtures.claim;
import static org.claimback.catalog.Fixtures.snapshot;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a catalogue restored from a copy needs: its running runs ended, its forgotten snapshots gone. */
class RebuildSupportTest {
    @TempDir
    Path dir;

    @Test
    void should_mark_every_running_run_interrupted_even_one_of_this_live_process() {
        try (Catalog catalog = Catalog.open(dir.resolve("c.db"))) {
            ClaimRecord c = claim(catalog, "media", "jellyfin");
            long mine = catalog.startRun("catalog-backup", null, null, "nfs1", "schedule", at(0));
            long done = catalog.startRun("backup", c.id(), null, "nfs1", "cli", at(1));
            catalog.finishRun(done, "ok", null, "abcd1234", at(2));
            assertEquals(0, catalog.markInterrupted(at(3)), "markInterrupted leaves a live process's run alone");

            assertEquals(1, catalog.markAllRunningInterrupted(at(3), "still running when the copy was made"));

            RunRecord r = catalog.runById(mine).orElseThrow();
            assertEquals("interrupted", r.state());
            assertEquals(at(3), r.endedAt());
            assertEquals("still running when the copy was made", r.error());
            assertEquals("ok", catalog.runById(done).orElseThrow().state());
            assertEquals(0, catalog.markAllRunningInterrupted(at(4), "again"));
        }
    }

    @Test
    void should_delete_only_the_snapshots_named_and_keep_the_runs_that_made_them() {
        try (Catalog catalog = Catalog.open(dir.resolve("c.db"))) {
            ClaimRecord c = claim(catalog, "media", "jellyfin");
            long run = catalog.startRun("backup", c.id(), null, "nfs1", "cli", at(0));
            catalog.finishRun(run, "ok", null, "aaaa1111", at(1));
            SnapshotRecord forgotten = catalog.addSnapshot(snapshot(c.id(), "aaaa1111", at(0)));
            SnapshotRecord kept = catalog.addSnapshot(snapshot(c.id(), "bbbb2222", at(5)));

            assertEquals(1, catalog.deleteSnapshots(List.of(forgotten.id(), 999_999L)));

            assertEquals(List.of(kept), catalog.snapshotsOf(c.id()));
            assertTrue(catalog.snapshotByResticId("aaaa").isEmpty());
            assertEquals("aaaa1111", catalog.runById(run).orElseThrow().snapshotId());
            assertEquals(0, catalog.deleteSnapshots(List.of()));
        }
    }
}
