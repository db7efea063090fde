package org.claimback.restore;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.claimback.catalog.Catalog;
import org.claimback.catalog.ClaimRecord;
import org.claimback.catalog.SnapshotRecord;
import org.claimback.outcome.UserError;

/**
 * Plans restores without changing anything: for each claim, its snapshot ({@link SnapshotChoice})
 * and its target ({@link TargetRule}), or why it is skipped. Two claims never get one target: the
 * second is skipped.
 */
public final class RestorePlanner {
    private final Catalog catalog;

    public RestorePlanner(Catalog catalog) {
        this.catalog = catalog;
    }

    public List<PlannedRestore> plan(List<ClaimRecord> claims, SnapshotQuery query, TargetRule targets) {
        List<PlannedRestore> plan = new ArrayList<>();
        Map<Path, String> taken = new HashMap<>();
        for (ClaimRecord claim : claims) {
            PlannedRestore planned = plan(claim, query, targets);
            if (!planned.skipped()) {
                String other = taken.putIfAbsent(planned.target().directory(), claim.claimKey());
                if (other != null) {
                    planned = new PlannedRestore(claim, planned.snapshot(), null, UserError.usage(planned.target().directory()
                            + " is already the target of " + other + ": restore " + claim.claimKey() + " on its own with --into DIR"));
                }
            }
            plan.add(planned);
        }
        return plan;
    }

    public PlannedRestore plan(ClaimRecord claim, SnapshotQuery query, TargetRule targets) {
        SnapshotRecord snapshot = null;
        try {
            snapshot = SnapshotChoice.choose(catalog, claim, query);
            return new PlannedRestore(claim, snapshot, targets.choose(claim, snapshot), null);
        } catch (UserError e) {
            return new PlannedRestore(claim, snapshot, null, e);
        }
    }
}
