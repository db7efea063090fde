package org.claimback.claims;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.List;
import org.claimback.catalog.Catalog;
import org.claimback.discovery.ExportRoot;
import org.claimback.testing.TestExport;
import org.claimback.testing.TestInventory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The agent re-reads an inventory file when, and only when, it changed. */
class InventoryFilesTest {
    @TempDir
    Path tmp;

    @Test
    void should_reread_an_inventory_only_when_it_changes() throws Exception {
        TestExport export = TestExport.create(tmp.resolve("export"));
        Path a = export.newVolume("default", "a");
        String pvA = a.getFileName().toString().substring(a.getFileName().toString().indexOf("pvc-"));
        Path file = tmp.resolve("pvs.json");
        List<ExportRoot> roots = List.of(new ExportRoot(export.root()));
        InventoryFiles files = new InventoryFiles(List.of(file));
        try (Catalog catalog = Catalog.open(tmp.resolve("catalog.db"))) {
            new TestInventory().nfsPv(a, pvA, "default", "a").write(file);
            assertEquals(List.of(), files.refresh(catalog, roots, Instant.now()));
            assertEquals("a", catalog.inventoryPv(pvA).orElseThrow().claimName());

            // same size and mtime: not read again (a content change that can't be seen is not re-read)
            FileTime mtime = Files.getLastModifiedTime(file);
            new TestInventory().nfsPv(a, pvA, "default", "b").write(file);
            Files.setLastModifiedTime(file, mtime);
            files.refresh(catalog, roots, Instant.now());
            assertEquals("a", catalog.inventoryPv(pvA).orElseThrow().claimName());

            // a real change (new mtime): read again
            Files.setLastModifiedTime(file, FileTime.fromMillis(mtime.toMillis() + 5000));
            files.refresh(catalog, roots, Instant.now());
            assertEquals("b", catalog.inventoryPv(pvA).orElseThrow().claimName());

            // gone: a problem to show, the catalogue keeps what it learned
            Files.delete(file);
            List<String> problems = files.refresh(catalog, roots, Instant.now());
            assertTrue(problems.get(0).contains("cannot be read"), problems::toString);
            assertEquals("b", catalog.inventoryPv(pvA).orElseThrow().claimName());
        }
    }
}
