package org.claimback.runbook;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.claimback.catalog.Catalog;
import org.claimback.catalog.ClaimRecord;
import org.claimback.catalog.DumpRecord;
import org.claimback.catalog.RunRecord;
import org.claimback.catalog.SnapshotRecord;
import org.claimback.catalog.VolumeRecord;

/**
 * What the runbook says about one claim, read from the catalogue.
 *
 * @param good         the newest snapshot that is neither partial nor suspicious, or null
 * @param newest       the newest snapshot of any kind, or null
 * @param current      the claim's current volume, or null
 * @param lastDrill    the newest drill of the claim, or null
 * @param lastGoodDrill the newest successful drill, or null
 * @param dumps        per dump name (sorted), the newest complete dump, or a record of the newest
 *                     dump of that name when none is complete; empty when the claim has no dumps
 */
record ClaimFacts(ClaimRecord claim, SnapshotRecord good, SnapshotRecord newest, VolumeRecord current,
                  List<VolumeRecord> volumes, RunRecord lastDrill, RunRecord lastGoodDrill, List<DumpRecord> dumps) {

    static ClaimFacts of(Catalog catalog, ClaimRecord claim, Map<Long, RunRecord> drills, Map<Long, RunRecord> goodDrills) {
        List<SnapshotRecord> snapshots = catalog.snapshotsOf(claim.id());
        Optional<SnapshotRecord> good = snapshots.stream().filter(s -> !s.partial() && !s.suspicious()).findFirst();
        List<VolumeRecord> volumes = catalog.volumesOf(claim.id());
        VolumeRecord current = volumes.stream().filter(VolumeRecord::current).findFirst().orElse(null);
        return new ClaimFacts(claim, good.orElse(null), snapshots.isEmpty() ? null : snapshots.get(0), current, volumes,
                drills.get(claim.id()), goodDrills.get(claim.id()), newestDumps(catalog.dumpsOf(claim.id())));
    }

    /** Per name, the newest complete dump, else the newest of any state (newest first in, sorted by name out). */
    static List<DumpRecord> newestDumps(List<DumpRecord> newestFirst) {
        Map<String, DumpRecord> byName = new TreeMap<>();
        for (DumpRecord d : newestFirst) {
            DumpRecord known = byName.get(d.name());
            if (known == null || (!known.ok() && d.ok())) {
                byName.put(d.name(), d);
            }
        }
        return List.copyOf(byName.values());
    }

    /** {@code namespace/name}, or the claim key while those are not known. */
    String label() {
        return claim.resolved() ? claim.namespace() + "/" + claim.name() : claim.claimKey();
    }

    /** Why there is no good snapshot, for the warning list. */
    String whyNoBackup() {
        if (newest == null) {
            return "never backed up";
        }
        return "its newest backup (" + newest.shortId() + ", " + Texts.time(newest.time()) + ") is "
                + (newest.partial() ? "partial" : "flagged suspicious") + ", and no older one is good";
    }
}
