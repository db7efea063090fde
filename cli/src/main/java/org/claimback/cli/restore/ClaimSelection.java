package org.claimback.cli.restore;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.claimback.catalog.Candidate;
import org.claimback.catalog.Catalog;
import org.claimback.catalog.ClaimRecord;
import org.claimback.catalog.SnapshotRecord;

/**
 * The claims of {@code --all} or {@code --namespace NS}, by claim key: those with at least one
 * snapshot are restored ({@link #claims}); those with none cannot be and are only named
 * ({@link #notBackedUp}). A claim whose namespace is still ambiguous belongs to NS when NS is one
 * of its possible namespaces.
 */
public record ClaimSelection(List<ClaimRecord> claims, List<String> notBackedUp) {

    /** @param namespace null for every claim */
    public static ClaimSelection of(Catalog catalog, String namespace) {
        Map<Long, SnapshotRecord> newest = catalog.newestSnapshots();
        List<ClaimRecord> claims = new ArrayList<>();
        List<String> none = new ArrayList<>();
        catalog.claims().stream().filter(c -> namespace == null || inNamespace(c, namespace))
                .sorted(Comparator.comparing(ClaimRecord::claimKey).thenComparing(ClaimRecord::id))
                .forEach(c -> {
                    if (newest.containsKey(c.id())) {
                        claims.add(c);
                    } else {
                        none.add(c.claimKey());
                    }
                });
        return new ClaimSelection(List.copyOf(claims), List.copyOf(none));
    }

    private static boolean inNamespace(ClaimRecord claim, String namespace) {
        if (claim.resolved()) {
            return claim.namespace().equals(namespace);
        }
        return claim.candidates().stream().map(Candidate::namespace).anyMatch(namespace::equals);
    }
}
