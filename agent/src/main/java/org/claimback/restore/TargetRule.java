package org.claimback.restore;

import org.claimback.catalog.ClaimRecord;
import org.claimback.catalog.SnapshotRecord;

/**
 * Chooses one claim's target directory for a plan, reading but never changing the disk; throws
 * a {@link org.claimback.outcome.UserError} saying how to fix it when the claim has none.
 * {@link #ready} runs just before the restore, after the plan was confirmed, and may create what
 * the plan promised (a new PV directory).
 */
public interface TargetRule {

    ChosenTarget choose(ClaimRecord claim, SnapshotRecord snapshot);

    /** Makes the planned target ready; by default there is nothing to do (restic creates a missing one). */
    default void ready(PlannedRestore planned) {}
}
