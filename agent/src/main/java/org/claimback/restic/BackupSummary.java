package org.claimback.restic;

/**
 * The {@code summary} line of {@code restic backup --json}.
 *
 * @param snapshotId the new snapshot: 8 hex characters (short id) on restic 0.14, the full
 *     64-character id since 0.15. Either works as an argument to restic.
 * @param totalDuration seconds
 */
public record BackupSummary(String snapshotId, long filesNew, long filesChanged, long filesUnmodified, long dirsNew,
        long dirsChanged, long dirsUnmodified, long dataAdded, long totalFilesProcessed, long totalBytesProcessed,
        double totalDuration) {}
