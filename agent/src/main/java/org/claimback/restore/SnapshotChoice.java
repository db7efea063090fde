package org.claimback.restore;

import java.util.List;
import org.claimback.catalog.Catalog;
import org.claimback.catalog.CatalogException;
import org.claimback.catalog.ClaimRecord;
import org.claimback.catalog.SnapshotRecord;
import org.claimback.outcome.UserError;

/**
 * Which snapshot a restore uses: the one asked for (which must belong to the claim), else the
 * claim's newest complete snapshot. Partial snapshots are only used when named explicitly.
 */
public final class SnapshotChoice {
    private SnapshotChoice() {}

    public static SnapshotRecord choose(Catalog catalog, ClaimRecord claim, String requestedId) {
        if (requestedId != null) {
            SnapshotRecord s;
            try {
                s = catalog.snapshotByResticId(requestedId).orElseThrow(() -> UserError.usage("no snapshot " + requestedId
                        + " in the catalogue: run `claimback backups " + claim.claimKey() + "` to list this claim's snapshots"));
            } catch (CatalogException e) {
                throw UserError.usage(e.getMessage());
            }
            if (s.claimId() != claim.id()) {
                String owner = catalog.claimById(s.claimId()).map(ClaimRecord::claimKey).orElse("another claim");
                throw UserError.usage("snapshot " + s.shortId() + " belongs to " + owner + ", not " + claim.claimKey()
                        + ": run `claimback backups " + claim.claimKey() + "` to list this claim's snapshots");
            }
            return s;
        }
        List<SnapshotRecord> snapshots = catalog.snapshotsOf(claim.id());
        return snapshots.stream().filter(s -> !s.partial()).findFirst().orElseThrow(() -> UserError.failed(
                snapshots.isEmpty()
                        ? "claim " + claim.claimKey() + " has no snapshots: back it up first (`claimback backup " + claim.claimKey() + "`)"
                        : "claim " + claim.claimKey() + " has only partial snapshots: pass --snapshot ID to restore one of them"));
    }
}
