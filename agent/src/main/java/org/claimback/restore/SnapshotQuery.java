package org.claimback.restore;

import java.time.Instant;

/**
 * Which snapshot of a claim to restore.
 *
 * @param snapshotId      a full or short restic id that must be the claim's own, or null
 * @param at              the newest good snapshot at or before this time, or null (the newest good one)
 * @param allowSuspicious a snapshot named by {@code snapshotId} may be one the shrink guard flagged
 * @param host            only snapshots of this host (restic {@code --host}, from {@code CLAIM@HOST}), or null:
 *                        any host, as long as the claim's snapshots are all of one host
 */
public record SnapshotQuery(String snapshotId, Instant at, boolean allowSuspicious, String host) {

    /** The claim's newest good snapshot. */
    public static final SnapshotQuery NEWEST = new SnapshotQuery(null, null, false);

    /** A query of any host. */
    public SnapshotQuery(String snapshotId, Instant at, boolean allowSuspicious) {
        this(snapshotId, at, allowSuspicious, null);
    }

    /** The same query, limited to the snapshots of {@code host} (null: any host). */
    public SnapshotQuery withHost(String host) {
        return new SnapshotQuery(snapshotId, at, allowSuspicious, host);
    }

    public SnapshotQuery {
        if (snapshotId != null && at != null) {
            throw new IllegalArgumentException("a snapshot id and a time exclude each other");
        }
    }
}
