package org.claimback.catalogcopy;

import java.time.Instant;

/**
 * A catalogue copy stored in the repository.
 *
 * @param runId         the {@code catalog-backup} run that recorded it
 * @param snapshotId    the id restic reported (the short id on restic 0.14)
 * @param time          when the copy was taken
 * @param schemaVersion the catalogue's schema version
 * @param bytes         the size of the copied file
 */
public record CatalogCopy(long runId, String snapshotId, String shortId, Instant time, String host, int schemaVersion,
        long bytes) {}
