package org.claimback.catalog;

import java.time.Instant;
import java.util.List;

/**
 * A claim (the namespace/name of a PVC) as the catalogue knows it.
 *
 * @param claimKey   {@code <namespace>-<name>}, the claim's identity across cluster rebuilds
 * @param namespace  the resolved namespace, or null while the claim key is ambiguous
 * @param name       the resolved claim name, or null while the claim key is ambiguous
 * @param mappedBy   how namespace/name were found: one of {@link #MAPPED_BY}
 * @param candidates the possible splits of the claim key, sorted by namespace then name
 */
public record ClaimRecord(long id, String claimKey, String namespace, String name, String mappedBy,
                          List<Candidate> candidates, Instant firstSeen, Instant lastSeen) {

    /**
     * Values of {@code mappedBy}: from the directory name, the cluster's PV inventory, or a person;
     * or {@code none}: the claim is only known by a provisional key (e.g. a csi-driver-nfs volume
     * {@code pvc-<uuid>} that no inventory has named yet).
     */
    public static final List<String> MAPPED_BY = List.of("name", "inventory", "manual", "none");

    public ClaimRecord {
        candidates = List.copyOf(candidates);
    }

    /** True when namespace and name are known. */
    public boolean resolved() {
        return namespace != null;
    }
}
