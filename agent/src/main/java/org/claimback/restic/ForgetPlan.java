package org.claimback.restic;

import java.util.List;

/**
 * What {@code restic forget --dry-run --json} would keep and remove, over all its groups, each
 * snapshot with the policy rules that keep it ("daily snapshot", "last snapshot"); removed ones
 * have none.
 */
public record ForgetPlan(List<Planned> keep, List<Planned> remove) {

    public ForgetPlan {
        keep = List.copyOf(keep);
        remove = List.copyOf(remove);
    }

    /** One snapshot of the plan and restic's reasons to keep it (empty for a removal). */
    public record Planned(Snapshot snapshot, List<String> reasons) {
        public Planned {
            reasons = List.copyOf(reasons);
        }
    }
}
