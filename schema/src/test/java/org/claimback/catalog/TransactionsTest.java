package org.claimback.catalog;

import static org.claimback.catalog.Fixtures.T0;
import static org.claimback.catalog.Fixtures.at;
import static org.claimback.catalog.Fixtures.claim;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TransactionsTest {

    private static final String ROOT = "/srv/nfs/k8s";

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

    private VolumeRecord volume(ClaimRecord claim, int i) {
        return catalog.upsertVolume(claim.id(), ROOT, ROOT + "/" + claim.claimKey() + "-pvc-" + i, "pvc-" + i,
                "nfs-subdir", "live", at(i % 60));
    }

    @Test
    void should_commit_every_call_at_once_and_return_the_result() {
        try (Catalog other = Catalog.open(dir.resolve("catalog.db"))) {
            int stored = catalog.inTransaction(() -> {
                ClaimRecord data = claim(catalog, "default", "data");
                volume(data, 1);
                volume(data, 2);
                assertEquals(2, catalog.volumesOf(data.id()).size(), "reads inside see the transaction's writes");
                assertEquals(List.of(), other.claims(), "another connection sees nothing before the commit");
                return catalog.volumes().size();
            });

            assertEquals(2, stored);
            assertEquals(1, other.claims().size());
            assertEquals(2, other.volumes().size());
        }
    }

    @Test
    void should_roll_everything_back_and_rethrow_when_the_work_throws() {
        IllegalStateException thrown = new IllegalStateException("restic went away");

        IllegalStateException e = assertThrows(IllegalStateException.class, () -> catalog.inTransaction(() -> {
            ClaimRecord data = claim(catalog, "default", "data");
            volume(data, 1);
            catalog.rememberMapping(ROOT + "/x", null, "default", "data", "manual", null, T0);
            throw thrown;
        }));

        assertSame(thrown, e);
        assertEquals(List.of(), catalog.claims());
        assertEquals(List.of(), catalog.volumes());
        assertEquals(List.of(), catalog.mappings());
        claim(catalog, "default", "after");
        assertEquals(1, catalog.claims().size(), "the catalogue is usable after a rollback");
    }

    @Test
    void should_undo_only_a_failed_call_that_the_work_catches() {
        catalog.inTransaction(() -> {
            ClaimRecord data = claim(catalog, "default", "data");
            volume(data, 1);
            CatalogException e = assertThrows(CatalogException.class, () ->
                    catalog.upsertVolume(999, ROOT, ROOT + "/orphan", null, "nfs-subdir", "live", T0));
            assertTrue(e.getMessage().contains("FOREIGN KEY"), e.getMessage());
            assertThrows(IllegalArgumentException.class, () -> catalog.moveVolume(12345, data.id()));
            volume(data, 2);
            return null;
        });

        assertEquals(List.of(ROOT + "/default-data-pvc-1", ROOT + "/default-data-pvc-2"),
                catalog.volumes().stream().map(VolumeRecord::path).toList());
    }

    @Test
    void should_join_a_nested_transaction_and_undo_it_alone_when_it_throws() {
        catalog.inTransaction(() -> {
            claim(catalog, "default", "outer");
            String inner = catalog.inTransaction(() -> {
                claim(catalog, "default", "inner");
                return "joined";
            });
            assertEquals("joined", inner);
            assertThrows(IllegalStateException.class, () -> catalog.inTransaction(() -> {
                claim(catalog, "default", "undone");
                throw new IllegalStateException("inner failure");
            }));
            return null;
        });

        assertEquals(List.of("default-inner", "default-outer"),
                catalog.claims().stream().map(ClaimRecord::claimKey).sorted().toList());
    }

    @Test
    void should_write_5000_volumes_in_one_transaction_faster_than_one_by_one() {
        ClaimRecord inside = claim(catalog, "default", "inside");
        ClaimRecord outside = claim(catalog, "default", "outside");
        ClaimRecord warmUp = claim(catalog, "default", "warm-up");
        int count = 5_000;
        catalog.inTransaction(() -> { // so that neither measurement pays for loading and compiling
            for (int i = 0; i < 500; i++) {
                volume(warmUp, i);
            }
            return null;
        });

        long started = System.nanoTime();
        catalog.inTransaction(() -> {
            for (int i = 0; i < count; i++) {
                volume(inside, i);
            }
            return null;
        });
        long insideMillis = (System.nanoTime() - started) / 1_000_000;

        started = System.nanoTime();
        for (int i = 0; i < count; i++) {
            volume(outside, i);
        }
        long outsideMillis = (System.nanoTime() - started) / 1_000_000;

        System.out.printf("%d upsertVolume calls: %d ms in one transaction, %d ms in one transaction each%n",
                count, insideMillis, outsideMillis);
        assertEquals(2 * count + 500, catalog.volumes().size());
    }
}
