package org.claimback.catalog;

import java.time.Instant;

/**
 * A shrink the guard found: a claim's volume empty or far smaller than its last good snapshot.
 *
 * @param runId      the backup run that found it, or null
 * @param snapshotId the suspicious snapshot, or null when the volume was empty (no snapshot made)
 * @param reason     one line a person can read, with the numbers
 * @param acceptedAt when a person accepted it ({@code claimback accept}), or null while pending
 */
public record ShrinkRecord(long id, long claimId, Instant detectedAt, Long runId, String snapshotId, String reason,
                           Instant acceptedAt) {

    public boolean pending() {
        return acceptedAt == null;
    }
}
