package org.claimback.restic;

/**
 * One {@code status} line of {@code restic restore --json} (restic 0.16+; older versions print
 * none). restic omits zero fields, which read as 0 here.
 *
 * @param percentDone 0.0 to 1.0
 * @param bytesRestored bytes written into the target so far
 * @param totalBytes what the snapshot holds
 */
public record RestoreProgress(double percentDone, long bytesRestored, long totalBytes, long filesRestored,
        long totalFiles) {}
