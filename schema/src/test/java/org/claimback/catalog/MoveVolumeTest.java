package org.claimback.catalog;

import static org.claimback.catalog.Fixtures.T0;
import static org.claimback.catalog.Fixtures.at;
import static org.claimback.catalog.Fixtures.claim;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MoveVolumeTest {

    private static final String ROOT = "/srv/nfs/csi";
    private static final String PV = "pvc-5d0e8c2a-7b41-4f3e-8a96-1c2d3e4f5a6b";
    private static final String DIR = ROOT + "/" + PV;

    @TempDir
    Path dir;
    Catalog catalog;
    ClaimRecord provisional;
    ClaimRecord orders;
    VolumeRecord volume;

    @BeforeEach
    void open() {
        catalog = Catalog.open(dir.resolve("catalog.db"));
        provisional = catalog.upsertClaim(PV, null, null, "none", List.of(), T0);
        orders = claim(catalog, "shop", "orders");
        volume = catalog.upsertVolume(provisional.id(), ROOT, DIR, PV, "csi-driver-nfs", "live", T0);
        catalog.setCurrentVolume(provisional.id(), volume.id());
        volume = catalog.volumeById(volume.id()).orElseThrow();
    }

    @AfterEach
    void close() {
        catalog.close();
    }

    private SnapshotRecord snapshot(String resticId, long claimId, Long volumeId, String sourcePath) {
        return catalog.addSnapshot(new SnapshotRecord(0, resticId, resticId.substring(0, 8), claimId, volumeId, null,
                at(1), "nfs1", sourcePath, List.of("claimback", "claim-key=" + PV), false, 1, 0, 0, 1, 10, 10));
    }

    @Test
    void should_move_the_volume_with_its_snapshots_and_runs_to_the_resolved_claim() {
        long run = catalog.startRun("backup", provisional.id(), volume.id(), "nfs1", "schedule", at(1));
        SnapshotRecord taken = snapshot("aaaaaaaa00000000000000000000000000000000000000000000000000000001",
                provisional.id(), volume.id(), DIR);
        SnapshotRecord rebuilt = snapshot("bbbbbbbb00000000000000000000000000000000000000000000000000000002",
                provisional.id(), null, DIR);
        SnapshotRecord otherPath = snapshot("cccccccc00000000000000000000000000000000000000000000000000000003",
                provisional.id(), null, ROOT + "/somewhere-else");
        long otherRun = catalog.startRun("check", null, null, "nfs1", "cli", at(2));

        catalog.moveVolume(volume.id(), orders.id());

        VolumeRecord moved = catalog.volumeById(volume.id()).orElseThrow();
        assertEquals(orders.id(), moved.claimId());
        assertTrue(moved.current(), "the claim had no current volume: the moved one stays current");
        assertEquals(List.of(moved), catalog.volumesOf(orders.id()));
        assertEquals(List.of(), catalog.volumesOf(provisional.id()));
        assertEquals(List.of(taken.id(), rebuilt.id()),
                catalog.snapshotsOf(orders.id()).stream().map(SnapshotRecord::id).sorted().toList());
        assertEquals(List.of(otherPath.id()),
                catalog.snapshotsOf(provisional.id()).stream().map(SnapshotRecord::id).toList());
        assertEquals(orders.id(), catalog.runById(run).orElseThrow().claimId());
        assertEquals(null, catalog.runById(otherRun).orElseThrow().claimId());
        assertTrue(catalog.claimById(provisional.id()).isPresent(), "the provisional claim stays");
    }

    @Test
    void should_not_change_the_current_volume_of_a_claim_that_has_one() {
        VolumeRecord old = catalog.upsertVolume(orders.id(), ROOT, ROOT + "/shop-orders-old", "pvc-old",
                "csi-driver-nfs", "live", T0);
        catalog.setCurrentVolume(orders.id(), old.id());

        catalog.moveVolume(volume.id(), orders.id());

        assertTrue(catalog.volumeById(old.id()).orElseThrow().current());
        assertFalse(catalog.volumeById(volume.id()).orElseThrow().current());
        assertEquals(1, catalog.volumesOf(orders.id()).stream().filter(VolumeRecord::current).count());
    }

    @Test
    void should_change_nothing_when_the_volume_already_belongs_to_the_claim() {
        catalog.moveVolume(volume.id(), provisional.id());

        assertEquals(volume, catalog.volumeById(volume.id()).orElseThrow());
    }

    @Test
    void should_refuse_an_unknown_volume_or_claim() {
        IllegalArgumentException noVolume = assertThrows(IllegalArgumentException.class,
                () -> catalog.moveVolume(999, orders.id()));
        IllegalArgumentException noClaim = assertThrows(IllegalArgumentException.class,
                () -> catalog.moveVolume(volume.id(), 999));

        assertEquals("no volume 999", noVolume.getMessage());
        assertEquals("no claim 999", noClaim.getMessage());
        assertEquals(provisional.id(), catalog.volumeById(volume.id()).orElseThrow().claimId());
    }
}
