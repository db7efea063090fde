package org.claimback.cli.json;

import java.time.Instant;
import org.claimback.catalogcopy.CatalogCopy;

/**
 * {@code claimback catalog backup --json}: the catalogue copy stored in the repository.
 * {@code snapshotId} is what restic reported (the short id on restic 0.14); {@code bytes} is the
 * size of the copied file.
 */
public record CatalogBackupJson(String snapshotId, String shortId, Instant time, String host, int schemaVersion, long bytes,
        long runId, String state) {

    public static CatalogBackupJson of(CatalogCopy c) {
        return new CatalogBackupJson(c.snapshotId(), c.shortId(), c.time(), c.host(), c.schemaVersion(), c.bytes(), c.runId(),
                "ok");
    }
}
