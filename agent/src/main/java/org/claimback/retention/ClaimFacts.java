package org.claimback.retention;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.claimback.catalog.SnapshotRecord;
import org.claimback.restic.Snapshot;

/**
 * What the rules know of one claim: its name, the catalogue's records of the snapshots restic
 * listed (by short id), the newest good one, and the oldest pending shrink.
 *
 * @param claimName       namespace/name or claim key, for reasons
 * @param catalogued      the catalogue's record of each listed snapshot, by short id
 * @param lastGood        short id of the newest listed snapshot that is neither partial nor
 *                        suspicious, or empty when there is none
 * @param oldestShrinkAt  when the oldest unaccepted shrink was found, or empty
 */
record ClaimFacts(String claimName, Map<String, SnapshotRecord> catalogued, Optional<String> lastGood,
                  Optional<Instant> oldestShrinkAt) {

    /** Facts over {@code listed} (every snapshot restic's plan names) and the claim's catalogue records. */
    static ClaimFacts of(String claimName, List<Snapshot> listed, List<SnapshotRecord> records, Optional<Instant> oldestShrinkAt) {
        Map<String, SnapshotRecord> byShort = new java.util.HashMap<>();
        for (SnapshotRecord r : records) {
            byShort.put(r.shortId(), r);
        }
        Map<String, SnapshotRecord> catalogued = new java.util.HashMap<>();
        for (Snapshot s : listed) {
            SnapshotRecord r = byShort.get(s.shortId());
            if (r != null) {
                catalogued.put(s.shortId(), r);
            }
        }
        Optional<String> lastGood = listed.stream()
                .filter(s -> catalogued.containsKey(s.shortId()))
                .filter(s -> !catalogued.get(s.shortId()).partial() && !catalogued.get(s.shortId()).suspicious())
                .max(java.util.Comparator.comparing(Snapshot::time))
                .map(Snapshot::shortId);
        return new ClaimFacts(claimName, Map.copyOf(catalogued), lastGood, oldestShrinkAt);
    }
}
