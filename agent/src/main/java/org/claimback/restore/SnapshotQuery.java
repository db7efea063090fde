package org.claimback.restore;

import java.time.Instant;

/**
 * Which snapshot of a claim to restore.
 *
 * @param snapshotId      a full or short restic id that must be the claim's own, or null
 * @param at              the newest good snapshot at or before this time, or null (the newest good one)
 * @param allowSuspicious a snapshot named by {@code snapshotId} may be one the shrink guard flagged
 */
public record SnapshotQuery(String snapshotId, Instant at, boolean allowSuspicious) {

    /** The claim's newest good snapshot. */
    public static final SnapshotQuery NEWEST = new SnapshotQuery(null, null, false);

    public SnapshotQuery {
        if (snapshotId != null && at != null) {
            throw new IllegalArgumentException("a snapshot id and a time exclude each other");
        }
    }
}
