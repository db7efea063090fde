package org.claimback.claims;

import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.claimback.catalog.Catalog;
import org.claimback.catalog.ClaimRecord;
import org.claimback.catalog.SnapshotRecord;

/** The hosts (restic {@code --host}) whose snapshots a claim has in the catalogue, sorted. */
public final class SnapshotHosts {
    private SnapshotHosts() {}

    public static Set<String> of(Catalog catalog, ClaimRecord claim) {
        return catalog.snapshotsOf(claim.id()).stream().map(SnapshotRecord::host).filter(h -> h != null)
                .collect(Collectors.toCollection(TreeSet::new));
    }
}
