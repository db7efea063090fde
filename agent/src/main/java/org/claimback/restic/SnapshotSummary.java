package org.claimback.restic;

/**
 * The {@code summary} restic 0.17+ stores in each snapshot and prints in {@code snapshots --json}:
 * what the backup that made it counted. Older snapshots and older restic have none.
 *
 * @param totalFilesProcessed regular files in the snapshot
 * @param totalBytesProcessed their bytes
 * @param dataAdded           bytes the backup added to the repository (before compression)
 */
public record SnapshotSummary(long filesNew, long filesChanged, long filesUnmodified, long totalFilesProcessed,
        long totalBytesProcessed, long dataAdded) {}
