package org.claimback.restore;

import org.claimback.catalog.ClaimRecord;
import org.claimback.catalog.SnapshotRecord;
import org.claimback.outcome.UserError;

/**
 * One line of a restore plan: a claim with its snapshot and target, or the reason it is skipped.
 *
 * @param snapshot null when no snapshot could be chosen
 * @param target   null when skipped
 * @param skip     why this claim cannot be restored (a one-line message saying how to fix it), else null
 */
public record PlannedRestore(ClaimRecord claim, SnapshotRecord snapshot, ChosenTarget target, UserError skip) {

    public boolean skipped() {
        return skip != null;
    }

    /** The bytes this restore will write, as the snapshot recorded them (0 when unknown or skipped). */
    public long bytes() {
        return snapshot == null || skipped() || !snapshot.totalsKnown() ? 0 : snapshot.bytesTotal();
    }

    /** The job to run: moves aside only what the plan said it would (a target filled since is refused). */
    public RestoreJob job(String trigger) {
        if (skipped()) {
            throw new IllegalStateException(claim.claimKey() + " is skipped: " + skip.getMessage());
        }
        return new RestoreJob("restore", claim, snapshot, target.directory(), target.moveAside(), trigger);
    }
}
