package org.claimback.restore;

import java.nio.file.Path;
import java.time.Duration;
import org.claimback.catalog.ClaimRecord;
import org.claimback.catalog.SnapshotRecord;

/**
 * A finished restore: which snapshot went where, what was moved aside, and the totals found.
 * restic verified every file it wrote ({@code --verify}); file count and bytes were checked
 * against the snapshot unless the snapshot is partial ({@link #checkedAgainstSnapshot()}).
 *
 * @param snapshot the snapshot, with the totals it was checked against (counted with
 *                 {@code restic ls} when the catalogue did not know them)
 */
public record RestoredClaim(
        ClaimRecord claim,
        SnapshotRecord snapshot,
        Path target,
        Path movedAside,
        TreeTotals restored,
        long runId,
        Duration duration) {

    /** False for a partial snapshot: its totals include files restic could not read, so nothing was compared. */
    public boolean checkedAgainstSnapshot() {
        return !snapshot.partial();
    }
}
