package org.claimback.catalog;

import static org.claimback.catalog.Fixtures.at;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InventoryPvsTest {

    private static final String PV = "pvc-0b7c1f9e-3a52-4d8e-9c61-2f4b8a1d7e35";
    private static final String DIR = "/srv/nfs/k8s/default-data-" + PV;
    private static final String FILE = "/srv/nfs/k8s/.claimback/inventory.json";

    @TempDir
    Path dir;
    Catalog catalog;

    @BeforeEach
    void open() {
        catalog = Catalog.open(dir.resolve("catalog.db"));
    }

    @AfterEach
    void close() {
        catalog.close();
    }

    /** A bound nfs-subdir PV as an inventory read at {@code seen} describes it. */
    private static InventoryPvRecord pv(String phase, String localPath, Instant seen) {
        return new InventoryPvRecord(0, PV, "default", "data", "0b7c1f9e-3a52-4d8e-9c61-2f4b8a1d7e35", "nfs-client",
                "10Gi", List.of("ReadWriteOnce", "ReadWriteMany"), "Delete", phase,
                "cluster.local/nfs-subdir-external-provisioner", "nfs1.example.org", DIR, null, null, null,
                localPath, FILE, null, seen);
    }

    @Test
    void should_store_a_pv_with_every_field_and_find_it_by_name_and_by_directory() {
        InventoryPvRecord stored = catalog.putInventoryPv(pv("Bound", DIR, at(0)));

        assertTrue(stored.id() > 0);
        assertEquals(new InventoryPvRecord(stored.id(), PV, "default", "data", "0b7c1f9e-3a52-4d8e-9c61-2f4b8a1d7e35",
                "nfs-client", "10Gi", List.of("ReadWriteOnce", "ReadWriteMany"), "Delete", "Bound",
                "cluster.local/nfs-subdir-external-provisioner", "nfs1.example.org", DIR, null, null, null, DIR,
                FILE, at(0), at(0)), stored);
        assertEquals(Optional.of(stored), catalog.inventoryPv(PV));
        assertEquals(Optional.of(stored), catalog.inventoryPvAt(DIR));
        assertEquals(List.of(stored), catalog.inventoryPvs());
        assertEquals(Optional.empty(), catalog.inventoryPv("pvc-other"));
        assertEquals(Optional.empty(), catalog.inventoryPvAt("/srv/nfs/k8s/elsewhere"));
    }

    @Test
    void should_store_an_unbound_csi_pv_without_claim_or_access_modes() {
        InventoryPvRecord csi = new InventoryPvRecord(0, "pvc-csi", null, null, null, "nfs-csi", "1Gi", null, "Retain",
                "Available", "nfs.csi.k8s.io", "nfs1", "/srv/nfs/csi/pvc-csi", "/srv/nfs/csi", "pvc-csi",
                "nfs1#srv/nfs/csi#pvc-csi##", null, FILE, at(0), at(0));

        InventoryPvRecord stored = catalog.putInventoryPv(csi);

        assertFalse(stored.bound());
        assertEquals(List.of(), stored.accessModes());
        assertEquals("nfs1#srv/nfs/csi#pvc-csi##", stored.volumeHandle());
        assertEquals("pvc-csi", stored.csiSubdir());
    }

    @Test
    void should_update_a_pv_seen_again_and_keep_first_seen() {
        InventoryPvRecord first = catalog.putInventoryPv(pv("Bound", DIR, at(0)));
        InventoryPvRecord again = catalog.putInventoryPv(pv("Released", DIR, at(15)));

        assertEquals(first.id(), again.id());
        assertEquals("Released", again.phase());
        assertEquals(at(0), again.firstSeen());
        assertEquals(at(15), again.lastSeen());
        assertEquals(1, catalog.inventoryPvs().size());
    }

    @Test
    void should_keep_the_known_directory_when_the_pv_is_seen_again_without_one() {
        catalog.putInventoryPv(pv("Bound", DIR, at(0)));

        InventoryPvRecord again = catalog.putInventoryPv(pv("Released", null, at(15)));

        assertEquals(DIR, again.localPath());
        assertEquals("Released", again.phase());
    }

    @Test
    void should_not_let_an_older_inventory_overwrite_a_newer_one_but_widen_first_seen() {
        catalog.putInventoryPv(pv("Released", DIR, at(30)));

        InventoryPvRecord replayed = catalog.putInventoryPv(pv("Bound", "/elsewhere", at(10)));

        assertEquals("Released", replayed.phase());
        assertEquals(DIR, replayed.localPath());
        assertEquals(at(10), replayed.firstSeen());
        assertEquals(at(30), replayed.lastSeen());
    }

    @Test
    void should_find_the_pv_listed_last_when_two_pvs_had_the_same_directory() {
        catalog.putInventoryPv(pv("Released", DIR, at(0)));
        InventoryPvRecord rebound = new InventoryPvRecord(0, "restored-data", "default", "data", null, "nfs-client",
                "10Gi", List.of("ReadWriteOnce"), "Retain", "Bound", null, "nfs1.example.org", DIR, null, null, null,
                DIR, FILE, null, at(60));
        catalog.putInventoryPv(rebound);

        assertEquals("restored-data", catalog.inventoryPvAt(DIR).orElseThrow().pvName());
        assertEquals(List.of("pvc-0b7c1f9e-3a52-4d8e-9c61-2f4b8a1d7e35", "restored-data"),
                catalog.inventoryPvs().stream().map(InventoryPvRecord::pvName).toList());
    }

    @Test
    void should_refuse_a_pv_without_name_source_or_time_or_with_half_a_claim() {
        InventoryPvRecord ok = pv("Bound", DIR, at(0));
        assertThrows(IllegalArgumentException.class, () -> catalog.putInventoryPv(new InventoryPvRecord(0, " ",
                null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, FILE, null,
                at(0))));
        assertThrows(IllegalArgumentException.class, () -> catalog.putInventoryPv(new InventoryPvRecord(0, PV,
                "default", null, null, null, null, null, null, null, null, null, null, null, null, null, null, FILE,
                null, at(0))));
        assertThrows(IllegalArgumentException.class, () -> catalog.putInventoryPv(new InventoryPvRecord(0, PV,
                null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null,
                at(0))));
        assertThrows(NullPointerException.class, () -> catalog.putInventoryPv(new InventoryPvRecord(0, PV,
                null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, FILE, at(0),
                null)));
        assertThrows(IllegalArgumentException.class, () -> catalog.putInventoryPv(new InventoryPvRecord(0, PV,
                null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, FILE, at(5),
                at(0))));
        assertEquals(List.of(), catalog.inventoryPvs());
        assertEquals(PV, catalog.putInventoryPv(ok).pvName());
    }
}
