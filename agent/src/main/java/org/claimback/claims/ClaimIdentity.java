package org.claimback.claims;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.claimback.catalog.ClaimRecord;

/**
 * Finds or creates the catalogue's claim for a mapping decision. A known claim is identified by
 * namespace/name; a claim whose split is unknown by its claim key. Two real claims may share a
 * claim key ({@code default/test-claim} and {@code default-test/claim}), so the key alone names a
 * claim only while exactly one known claim has it: then a new directory with that key (a rebuilt
 * cluster's volume) joins that claim, as remembered.
 */
final class ClaimIdentity {
    private ClaimIdentity() {}

    static ClaimRecord claimFor(ClaimIndex claims, MappingDecision d, Instant at) {
        if (d.resolved()) {
            Optional<ClaimRecord> named = claims.named(d.namespace(), d.name());
            if (named.isPresent()) {
                return claims.update(named.get(), d.namespace(), d.name(), strongest(named.get(), d), List.of(), at);
            }
            Optional<ClaimRecord> unresolved = unresolvedWithKey(claims, d.claimKey());
            if (unresolved.isPresent()) {
                return claims.update(unresolved.get(), d.namespace(), d.name(), d.mappedBy(), List.of(), at);
            }
            return claims.insert(d.claimKey(), d.namespace(), d.name(), d.mappedBy(), List.of(), at);
        }
        List<ClaimRecord> known = claims.withKey(d.claimKey()).stream().filter(c -> c.namespace() != null).toList();
        if (known.size() == 1) {
            return known.get(0);
        }
        Optional<ClaimRecord> unresolved = unresolvedWithKey(claims, d.claimKey());
        if (unresolved.isPresent()) {
            return claims.update(unresolved.get(), null, null, d.mappedBy(), d.candidates(), at);
        }
        return claims.insert(d.claimKey(), null, null, d.mappedBy(), d.candidates(), at);
    }

    private static Optional<ClaimRecord> unresolvedWithKey(ClaimIndex claims, String key) {
        return claims.withKey(key).stream().filter(c -> c.namespace() == null).findFirst();
    }

    /** A claim keeps the strongest source that ever mapped it: manual, then inventory, then name. */
    private static String strongest(ClaimRecord existing, MappingDecision d) {
        List<String> order = List.of("manual", "inventory", "name", "none");
        return order.indexOf(existing.mappedBy()) < order.indexOf(d.mappedBy()) ? existing.mappedBy() : d.mappedBy();
    }
}
