package org.claimback.drill;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.claimback.catalog.ClaimRecord;
import org.claimback.catalog.RunRecord;

/**
 * Which claim a scheduled drill takes: of the claims that have a good snapshot, one never drilled
 * (the first by claim key), else the one whose last drill, ok or not, started longest ago (ties by
 * claim key). So every claim is drilled in turn, and a failed drill does not jump the queue.
 */
public final class DrillRotation {
    private DrillRotation() {}

    /**
     * @param eligible   the claims that have a good snapshot to restore
     * @param lastDrills each claim's newest finished drill run, by claim id (claims never drilled are absent)
     */
    public static Optional<RotationChoice> next(List<ClaimRecord> eligible, Map<Long, RunRecord> lastDrills) {
        Comparator<ClaimRecord> byKey = Comparator.comparing(ClaimRecord::claimKey).thenComparingLong(ClaimRecord::id);
        Optional<ClaimRecord> neverDrilled = eligible.stream().filter(c -> !lastDrills.containsKey(c.id())).min(byKey);
        if (neverDrilled.isPresent()) {
            return Optional.of(new RotationChoice(neverDrilled.get(), null, "never drilled"));
        }
        return eligible.stream()
                .min(Comparator.<ClaimRecord, java.time.Instant>comparing(c -> lastDrills.get(c.id()).startedAt()).thenComparing(byKey))
                .map(c -> {
                    RunRecord last = lastDrills.get(c.id());
                    return new RotationChoice(c, last, "drilled longest ago: last drill started " + last.startedAt() + " (" + last.state() + ")");
                });
    }
}
