package org.claimback.catalog;

import static org.claimback.catalog.Fixtures.at;
import static org.claimback.catalog.Fixtures.claim;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class VolumesTest {

    private static final String ROOT = "/srv/nfs/k8s";
    private static final String OLD = ROOT + "/default-data-pvc-11111111-1111-1111-1111-111111111111";
    private static final String NEW = ROOT + "/default-data-pvc-22222222-2222-2222-2222-222222222222";

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

    private VolumeRecord see(String path, String pvName, String state, int minute) {
        return catalog.upsertVolume(data.id(), ROOT, path, pvName, "nfs-subdir", state, at(minute));
    }

    @Test
    void should_insert_a_new_volume_and_return_it() {
        VolumeRecord volume = see(OLD, "pvc-1111", "live", 0);

        assertEquals(new VolumeRecord(volume.id(), data.id(), ROOT, OLD, "pvc-1111", "nfs-subdir", "live", false,
                at(0), at(0)), volume);
        assertEquals(volume, catalog.volumeByPath(OLD).orElseThrow());
        assertEquals(volume, catalog.volumeById(volume.id()).orElseThrow());
    }

    @Test
    void should_keep_first_seen_when_a_volume_is_seen_again() {
        VolumeRecord first = see(OLD, "pvc-1111", "live", 0);
        VolumeRecord again = see(OLD, "pvc-1111", "archived", 30);

        assertEquals(first.id(), again.id());
        assertEquals(at(0), again.firstSeen());
        assertEquals(at(30), again.lastSeen());
        assertEquals("archived", again.state());
        assertEquals(1, catalog.volumes().size());
    }

    @Test
    void should_keep_a_known_pv_name_when_seen_again_without_one() {
        see(OLD, "pvc-1111", "live", 0);
        assertEquals("pvc-1111", see(OLD, null, "live", 1).pvName());
    }

    @Test
    void should_mark_unseen_volumes_of_the_export_root_missing_and_keep_them() {
        VolumeRecord gone = see(OLD, "pvc-1111", "live", 0);
        VolumeRecord kept = see(NEW, "pvc-2222", "live", 0);
        VolumeRecord elsewhere = catalog.upsertVolume(data.id(), "/srv/nfs/other", "/srv/nfs/other/default-data",
                null, "pathPattern", "live", at(0));

        int marked = catalog.markMissing(ROOT, Set.of(NEW), at(10));

        assertEquals(1, marked);
        assertEquals("missing", catalog.volumeById(gone.id()).orElseThrow().state());
        assertEquals(at(0), catalog.volumeById(gone.id()).orElseThrow().lastSeen());
        assertEquals("live", catalog.volumeById(kept.id()).orElseThrow().state());
        assertEquals("live", catalog.volumeById(elsewhere.id()).orElseThrow().state());
        assertEquals(3, catalog.volumes().size());
        assertEquals(0, catalog.markMissing(ROOT, Set.of(NEW), at(11)), "already missing");
    }

    @Test
    void should_not_mark_missing_a_volume_seen_after_the_scan_started() {
        see(OLD, "pvc-1111", "live", 20); // by a concurrent scan

        assertEquals(0, catalog.markMissing(ROOT, List.of(), at(10)));
        assertEquals("live", catalog.volumeByPath(OLD).orElseThrow().state());
    }

    @Test
    void should_bring_a_missing_volume_back_when_it_is_seen_again() {
        see(OLD, "pvc-1111", "live", 0);
        catalog.markMissing(ROOT, List.of(), at(10));

        assertEquals("live", see(OLD, "pvc-1111", "live", 20).state());
    }

    @Test
    void should_keep_exactly_one_current_volume_per_claim() {
        VolumeRecord old = see(OLD, "pvc-1111", "live", 0);
        VolumeRecord current = see(NEW, "pvc-2222", "live", 5);

        catalog.setCurrentVolume(data.id(), old.id());
        catalog.setCurrentVolume(data.id(), current.id());
        catalog.setCurrentVolume(data.id(), current.id()); // again: no change

        assertEquals(List.of(current.id()), catalog.volumesOf(data.id()).stream()
                .filter(VolumeRecord::current).map(VolumeRecord::id).toList());
    }

    @Test
    void should_keep_the_current_volume_when_seen_again() {
        VolumeRecord volume = see(OLD, "pvc-1111", "live", 0);
        catalog.setCurrentVolume(data.id(), volume.id());

        assertTrue(see(OLD, "pvc-1111", "live", 1).current());
    }

    @Test
    void should_refuse_to_make_another_claims_volume_current() {
        ClaimRecord other = claim(catalog, "web", "cache");
        VolumeRecord volume = see(OLD, "pvc-1111", "live", 0);

        assertThrows(IllegalArgumentException.class, () -> catalog.setCurrentVolume(other.id(), volume.id()));
        assertThrows(IllegalArgumentException.class, () -> catalog.setCurrentVolume(data.id(), 999));
        assertFalse(catalog.volumeById(volume.id()).orElseThrow().current());
    }

    @Test
    void should_stop_being_current_when_a_directory_moves_to_another_claim() {
        ClaimRecord other = claim(catalog, "web", "cache");
        VolumeRecord volume = see(OLD, "pvc-1111", "live", 0);
        catalog.setCurrentVolume(data.id(), volume.id());

        VolumeRecord moved = catalog.upsertVolume(other.id(), ROOT, OLD, "pvc-1111", "nfs-subdir", "live", at(1));

        assertEquals(other.id(), moved.claimId());
        assertFalse(moved.current());
    }

    @Test
    void should_list_a_claims_volumes_newest_first_and_find_them_by_pv() {
        VolumeRecord old = see(OLD, "pvc-1111", "live", 0);
        VolumeRecord archived = see(ROOT + "/archived-default-data-pvc-1111", "pvc-1111", "archived", 1);
        VolumeRecord current = see(NEW, "pvc-2222", "live", 5);

        assertEquals(List.of(current, archived, old), catalog.volumesOf(data.id()));
        assertEquals(List.of(archived, old), catalog.volumesByPv("pvc-1111"));
        assertEquals(List.of(), catalog.volumesByPv("pvc-3333"));
        assertEquals(List.of(archived, old, current), catalog.volumes());
    }

    @Test
    void should_refuse_a_volume_of_an_unknown_claim() {
        CatalogException e = assertThrows(CatalogException.class,
                () -> catalog.upsertVolume(999, ROOT, OLD, null, "nfs-subdir", "live", at(0)));
        assertTrue(e.getMessage().contains("FOREIGN KEY"), e.getMessage());
    }

    @Test
    void should_reject_an_unknown_state() {
        assertThrows(IllegalArgumentException.class, () -> see(OLD, null, "gone", 0));
    }
}
