package org.claimback.offsite;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.claimback.catalog.Catalog;
import org.claimback.catalog.ClaimRecord;
import org.claimback.catalog.DumpRecord;
import org.claimback.catalog.RunRecord;
import org.claimback.catalog.SnapshotRecord;

/**
 * The primary's snapshots a copy should hold, by their catalogue ids (full, or short on restic
 * 0.14): this host's volume snapshots, its complete dumps and its newest catalogue copy (older
 * catalogue copies may be forgotten already; the newest is the one a rebuild reads).
 *
 * @param ids       this host's snapshots, in the catalogue's order
 * @param otherHost catalogue ids of other hosts' snapshots (a catalogue rebuilt with every host's):
 *                  never copied from here, and their copy records are left alone
 */
record SnapshotsToCopy(Set<String> ids, Set<String> otherHost) {
    /** How many of the newest catalogue-copy runs are searched for this host's newest good one. */
    private static final int CATALOG_RUNS_SEARCHED = 50;

    SnapshotsToCopy {
        ids = Set.copyOf(ids);
        otherHost = Set.copyOf(otherHost);
    }

    static SnapshotsToCopy of(Catalog catalog, String host) {
        Set<String> ids = new LinkedHashSet<>();
        Set<String> other = new LinkedHashSet<>();
        for (SnapshotRecord s : catalog.snapshots()) {
            (host.equals(s.host()) ? ids : other).add(s.resticId());
        }
        for (ClaimRecord claim : catalog.claims()) {
            for (DumpRecord d : catalog.dumpsOf(claim.id())) {
                if (d.ok() && d.resticId() != null) {
                    (host.equals(d.host()) ? ids : other).add(d.resticId());
                }
            }
        }
        List<RunRecord> catalogCopies = catalog.runsOfKind("catalog-backup", null, CATALOG_RUNS_SEARCHED);
        catalogCopies.stream().filter(r -> host.equals(r.host()) && "ok".equals(r.state()) && r.snapshotId() != null)
                .findFirst().ifPresent(r -> ids.add(r.snapshotId()));
        other.removeAll(ids);
        return new SnapshotsToCopy(ids, other);
    }
}
