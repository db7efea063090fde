package org.claimback.claims;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.claimback.catalog.Catalog;
import org.claimback.discovery.ExportRoot;
import org.claimback.inventory.InventoryException;
import org.claimback.inventory.InventoryReader;

/**
 * The inventory files named in the config ({@code inventory.files}), re-read only when they
 * changed (size or mtime) since this process last read them. A missing or unreadable file is a
 * problem to show, never a reason to forget what earlier inventories taught.
 */
public final class InventoryFiles {
    private final List<Path> files;
    private final Map<Path, String> lastRead = new HashMap<>();

    public InventoryFiles(List<Path> files) {
        this.files = List.copyOf(files);
    }

    /** Imports the files that changed; returns problems, one line each. */
    public synchronized List<String> refresh(Catalog catalog, List<ExportRoot> roots, Instant now) {
        List<String> problems = new ArrayList<>();
        for (Path file : files) {
            String stamp;
            try {
                BasicFileAttributes a = Files.readAttributes(file, BasicFileAttributes.class);
                stamp = a.size() + "@" + a.lastModifiedTime().toMillis();
            } catch (IOException e) {
                problems.add("inventory " + file + " cannot be read (" + e.getClass().getSimpleName()
                        + "): the remembered mappings still apply; check inventory.files in the config");
                continue;
            }
            if (stamp.equals(lastRead.get(file))) {
                continue;
            }
            try {
                InventoryImport.Summary summary = InventoryImport.importInto(catalog, InventoryReader.read(file), roots, now);
                problems.addAll(summary.problems());
                lastRead.put(file, stamp);
            } catch (InventoryException e) {
                problems.add(e.getMessage());
            }
        }
        return problems;
    }
}
