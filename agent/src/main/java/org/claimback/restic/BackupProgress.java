package org.claimback.restic;

/**
 * One {@code status} line of {@code restic backup --json}. restic omits zero fields, which read
 * as 0 here. {@code totalFiles}/{@code totalBytes} grow while restic is still scanning.
 *
 * @param percentDone 0.0 to 1.0
 * @param secondsRemaining restic's estimate, {@code null} until it has one
 */
public record BackupProgress(double percentDone, long bytesDone, long totalBytes, long filesDone, long totalFiles,
        Long secondsRemaining) {}
