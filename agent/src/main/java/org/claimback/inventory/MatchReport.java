package org.claimback.inventory;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.claimback.inventory.PvMatch.Outcome;

/**
 * What matching a whole inventory found: one {@link PvMatch} per PV, in the inventory's order, and
 * the skipped PVs counted by reason.
 *
 * @param skipped how many PVs were skipped for each reason, by reason
 */
public record MatchReport(List<PvMatch> matches, Map<String, Integer> skipped) {

    public MatchReport {
        matches = List.copyOf(matches);
        skipped = Collections.unmodifiableMap(new TreeMap<>(skipped));
    }

    static MatchReport of(List<PvMatch> matches) {
        Map<String, Integer> skipped = new TreeMap<>();
        for (PvMatch match : matches) {
            if (match.outcome() == Outcome.SKIPPED) {
                skipped.merge(match.reason(), 1, Integer::sum);
            }
        }
        return new MatchReport(matches, skipped);
    }

    /** The PVs whose directory was found on this server. */
    public List<PvMatch> matched() {
        return with(Outcome.MATCHED);
    }

    /** The NFS PVs whose directory was not found, or found more than once: each with its reason. */
    public List<PvMatch> unmatched() {
        return matches.stream().filter(m -> m.outcome() == Outcome.NOT_FOUND || m.outcome() == Outcome.AMBIGUOUS)
                .toList();
    }

    public List<PvMatch> with(Outcome outcome) {
        return matches.stream().filter(m -> m.outcome() == outcome).toList();
    }

    /** E.g. {@code 12 PVs: 9 matched, 1 not found, 0 ambiguous, 2 skipped (2 not NFS (hostPath))}. */
    public String summary() {
        String reasons = skipped.entrySet().stream().map(e -> e.getValue() + " " + e.getKey())
                .collect(Collectors.joining(", "));
        return matches.size() + " PVs: " + with(Outcome.MATCHED).size() + " matched, "
                + with(Outcome.NOT_FOUND).size() + " not found, " + with(Outcome.AMBIGUOUS).size() + " ambiguous, "
                + with(Outcome.SKIPPED).size() + " skipped" + (reasons.isEmpty() ? "" : " (" + reasons + ")");
    }
}
