package org.claimback.catalog;

import static org.claimback.catalog.Fixtures.at;
import static org.claimback.catalog.Fixtures.claim;
import static org.claimback.catalog.Fixtures.snapshot;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SnapshotsTest {

    private static final String A = "4f3a2b1c9d8e7f6a5b4c3d2e1f0a9b8c7d6e5f4a3b2c1d0e9f8a7b6c5d4e3f2a";
    private static final String B = "4f3a99990000000000000000000000000000000000000000000000000000000b";
    private static final String C = "c0ffee00112233445566778899aabbccddeeff00112233445566778899aabbcc";

    @TempDir
    Path dir;
    Catalog catalog;
    ClaimRecord data;

    @BeforeEach
    void open() {
        catalog = Catalog.open(dir.resolve("catalog.db"));
        data = claim(catalog, "default", "data");
    }

    @AfterEach
    void close() {
        catalog.close();
    }

    @Test
    void should_store_a_snapshot_with_every_field() {
        VolumeRecord volume = Fixtures.volume(catalog, data, "pvc-1111");
        long run = catalog.startRun("backup", data.id(), volume.id(), "nfs1", "schedule", at(0));
        Instant time = Instant.parse("2024-05-01T10:00:01.123456789Z");
        List<String> tags = List.of("claimback", "claim-key=default-data", "pv=pvc-1111", "namespace=default",
                "claim=data", "odd \"quoted\" \\ tag", "tab\there", "ünïcödé", "");
        SnapshotRecord given = new SnapshotRecord(0, A, A.substring(0, 8), data.id(), volume.id(), run, time, "nfs1",
                volume.path(), tags, true, 1, 2, 3, 6, 6000, 1000);

        SnapshotRecord stored = catalog.addSnapshot(given);

        assertTrue(stored.id() > 0);
        assertEquals(new SnapshotRecord(stored.id(), A, A.substring(0, 8), data.id(), volume.id(), run, time, "nfs1",
                volume.path(), tags, true, 1, 2, 3, 6, 6000, 1000), stored);
        assertEquals(List.of(stored), catalog.snapshotsOf(data.id()));
    }

    @Test
    void should_return_the_stored_snapshot_unchanged_when_added_again() {
        SnapshotRecord first = catalog.addSnapshot(snapshot(data.id(), A, at(0)));
        SnapshotRecord again = catalog.addSnapshot(new SnapshotRecord(0, A, A.substring(0, 8), data.id(), null, null,
                at(9), "other", "/elsewhere", List.of("changed"), true, 0, 0, 0, 0, 0, 0));

        assertEquals(first, again);
        assertEquals(1, catalog.snapshotsOf(data.id()).size());
    }

    @Test
    void should_replace_a_short_id_from_restic_0_14_by_the_full_id() {
        SnapshotRecord fromBackup = catalog.addSnapshot(snapshot(data.id(), A.substring(0, 8), at(0)));
        SnapshotRecord fromListing = catalog.addSnapshot(snapshot(data.id(), A, at(0)));

        assertEquals(fromBackup.id(), fromListing.id());
        assertEquals(A, fromListing.resticId());
        assertEquals(List.of(fromListing), catalog.snapshotsOf(data.id()));
    }

    @Test
    void should_recognise_a_short_id_of_a_snapshot_stored_by_its_full_id() {
        SnapshotRecord full = catalog.addSnapshot(snapshot(data.id(), A, at(0)));

        assertEquals(full, catalog.addSnapshot(snapshot(data.id(), A.substring(0, 8), at(0))));
        assertEquals(1, catalog.snapshotsOf(data.id()).size());
    }

    @Test
    void should_keep_apart_a_short_id_and_a_full_id_of_different_claims() {
        ClaimRecord other = claim(catalog, "web", "cache");
        catalog.addSnapshot(snapshot(data.id(), A.substring(0, 8), at(0)));
        catalog.addSnapshot(snapshot(other.id(), A, at(0)));

        assertEquals(A.substring(0, 8), catalog.snapshotsOf(data.id()).get(0).resticId());
        assertEquals(A, catalog.snapshotsOf(other.id()).get(0).resticId());
    }

    @Test
    void should_list_snapshots_newest_first() {
        SnapshotRecord middle = catalog.addSnapshot(snapshot(data.id(), A, at(5)));
        SnapshotRecord newest = catalog.addSnapshot(snapshot(data.id(), B, Instant.parse("2024-05-01T10:05:00.5Z")));
        SnapshotRecord oldest = catalog.addSnapshot(snapshot(data.id(), C, at(0)));
        catalog.addSnapshot(snapshot(claim(catalog, "web", "cache").id(), "ab" + A.substring(2), at(9)));

        assertEquals(List.of(newest, middle, oldest), catalog.snapshotsOf(data.id()));
    }

    @Test
    void should_find_a_snapshot_by_its_id_or_a_unique_prefix() {
        SnapshotRecord a = catalog.addSnapshot(snapshot(data.id(), A, at(0)));
        catalog.addSnapshot(snapshot(data.id(), B, at(1)));
        SnapshotRecord c = catalog.addSnapshot(snapshot(data.id(), C, at(2)));

        assertEquals(a, catalog.snapshotByResticId(A).orElseThrow());
        assertEquals(a, catalog.snapshotByResticId("4f3a2b1c").orElseThrow());
        assertEquals(a, catalog.snapshotByResticId("4f3a2").orElseThrow());
        assertEquals(c, catalog.snapshotByResticId("C0FFEE").orElseThrow());
        assertTrue(catalog.snapshotByResticId("deadbeef").isEmpty());
        assertTrue(catalog.snapshotByResticId("not-hex").isEmpty());
        assertTrue(catalog.snapshotByResticId("").isEmpty());
    }

    @Test
    void should_refuse_an_ambiguous_prefix() {
        catalog.addSnapshot(snapshot(data.id(), A, at(0)));
        catalog.addSnapshot(snapshot(data.id(), B, at(1)));

        CatalogException e = assertThrows(CatalogException.class, () -> catalog.snapshotByResticId("4f3a"));

        assertEquals("snapshot id 4f3a is ambiguous: it matches 2 snapshots (4f3a9999, 4f3a2b1c): give more of the id",
                e.getMessage());
    }

    @Test
    void should_prefer_an_exact_short_id_over_longer_ids_it_starts() {
        SnapshotRecord shortOnly = catalog.addSnapshot(snapshot(data.id(), "4f3a2b1c", at(0)));
        ClaimRecord other = claim(catalog, "web", "cache");
        SnapshotRecord longer = catalog.addSnapshot(snapshot(other.id(), "4f3a2b1c0" + "0".repeat(55), at(1)));

        // Both begin with 4f3a2b1c (of different claims, so they are different snapshots): the exact one wins.
        assertEquals(shortOnly.id(), catalog.snapshotByResticId("4f3a2b1c").orElseThrow().id());
        assertEquals(longer, catalog.snapshotByResticId("4f3a2b1c0").orElseThrow());
        assertEquals(2, catalog.snapshotsOf(data.id()).size() + catalog.snapshotsOf(other.id()).size());
    }

    @Test
    void should_refuse_a_snapshot_of_an_unknown_claim() {
        assertThrows(CatalogException.class, () -> catalog.addSnapshot(snapshot(999, A, at(0))));
    }
}
