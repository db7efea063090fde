package org.claimback.catalog;

import static org.claimback.catalog.Fixtures.at;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MappingsTest {

    private static final String DIR = "/srv/nfs/csi/pvc-5d0e8c2a-7b41-4f3e-8a96-1c2d3e4f5a6b";
    private static final String PV = "pvc-5d0e8c2a-7b41-4f3e-8a96-1c2d3e4f5a6b";
    private static final String OLD_FILE = "/srv/nfs/k8s/.claimback/inventory.json";
    private static final String NEW_FILE = "/root/pvs.json";

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

    @Test
    void should_remember_a_new_mapping_with_where_it_came_from() {
        MappingRecord mapping = catalog.rememberMapping(DIR, PV, "shop", "orders", "inventory", OLD_FILE, at(0));

        assertTrue(mapping.id() > 0);
        assertEquals(new MappingRecord(mapping.id(), DIR, PV, "shop", "orders", "inventory", OLD_FILE, at(0), at(0)),
                mapping);
        assertEquals("shop-orders", mapping.claimKey());
        assertEquals(List.of(mapping), catalog.mappingsAt(DIR));
        assertEquals(List.of(mapping), catalog.mappings());
    }

    @Test
    void should_confirm_a_known_mapping_and_keep_when_it_was_first_learned() {
        MappingRecord first = catalog.rememberMapping(DIR, PV, "shop", "orders", "inventory", OLD_FILE, at(0));

        MappingRecord again = catalog.rememberMapping(DIR, null, "shop", "orders", "inventory", NEW_FILE, at(15));

        assertEquals(first.id(), again.id());
        assertEquals(at(0), again.firstLearned());
        assertEquals(at(15), again.lastConfirmed());
        assertEquals(PV, again.pvName(), "a confirmation without a PV name keeps the known one");
        assertEquals(NEW_FILE, again.detail());
        assertEquals(1, catalog.mappings().size());
    }

    @Test
    void should_not_let_an_older_confirmation_change_the_detail_but_widen_first_learned() {
        catalog.rememberMapping(DIR, PV, "shop", "orders", "inventory", NEW_FILE, at(30));

        MappingRecord replayed = catalog.rememberMapping(DIR, "pvc-old", "shop", "orders", "inventory", OLD_FILE,
                at(10));

        assertEquals(NEW_FILE, replayed.detail());
        assertEquals(PV, replayed.pvName());
        assertEquals(at(10), replayed.firstLearned());
        assertEquals(at(30), replayed.lastConfirmed());
    }

    @Test
    void should_keep_every_claim_a_directory_was_ever_mapped_to_newest_confirmed_first() {
        MappingRecord byName = catalog.rememberMapping(DIR, PV, "default", "test-claim", "name", "directory name",
                at(0));
        MappingRecord byInventory = catalog.rememberMapping(DIR, PV, "default-test", "claim", "inventory", OLD_FILE,
                at(5));
        MappingRecord byHand = catalog.rememberMapping(DIR, null, "default-test", "claim", "manual",
                "claimback claims map", at(10));
        MappingRecord elsewhere = catalog.rememberMapping("/srv/nfs/csi/other", null, "web", "cache", "inventory",
                OLD_FILE, at(20));

        assertEquals(List.of(byHand, byInventory, byName), catalog.mappingsAt(DIR));
        assertEquals(List.of(elsewhere, byHand, byInventory, byName), catalog.mappings());
        assertEquals(List.of(), catalog.mappingsAt("/srv/nfs/csi/unknown"));
    }

    @Test
    void should_find_the_newest_manual_mapping_of_a_directory() {
        catalog.rememberMapping(DIR, PV, "shop", "orders", "inventory", OLD_FILE, at(50));
        catalog.rememberMapping(DIR, null, "shop", "orders-old", "manual", "claimback claims map", at(0));
        MappingRecord newest = catalog.rememberMapping(DIR, null, "shop", "orders", "manual", "claimback claims map",
                at(10));

        assertEquals(Optional.of(newest), catalog.manualMappingAt(DIR));
        assertEquals(Optional.empty(), catalog.manualMappingAt("/srv/nfs/csi/other"));
    }

    @Test
    void should_refuse_an_unknown_source_or_an_empty_claim() {
        assertThrows(IllegalArgumentException.class,
                () -> catalog.rememberMapping(DIR, PV, "shop", "orders", "guess", null, at(0)));
        assertThrows(IllegalArgumentException.class,
                () -> catalog.rememberMapping(DIR, PV, "", "orders", "manual", null, at(0)));
        assertThrows(IllegalArgumentException.class,
                () -> catalog.rememberMapping(DIR, PV, "shop", null, "manual", null, at(0)));
        assertThrows(IllegalArgumentException.class,
                () -> catalog.rememberMapping(" ", PV, "shop", "orders", "manual", null, at(0)));
        assertEquals(List.of(), catalog.mappings());
    }

    @Test
    void should_remember_mappings_across_reopening_the_catalogue() {
        MappingRecord mapping = catalog.rememberMapping(DIR, PV, "shop", "orders", "inventory", OLD_FILE, at(0));
        catalog.close();

        try (Catalog reopened = Catalog.open(dir.resolve("catalog.db"))) {
            assertEquals(List.of(mapping), reopened.mappingsAt(DIR));
        }
        catalog = Catalog.open(dir.resolve("catalog.db"));
    }
}
