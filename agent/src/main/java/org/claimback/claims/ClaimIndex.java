package org.claimback.claims;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.claimback.catalog.Candidate;
import org.claimback.catalog.Catalog;
import org.claimback.catalog.ClaimRecord;

/**
 * The catalogue's claims held in memory for one sync, so that deciding thousands of volumes costs
 * no query each; writes go through to the catalogue only when something changed.
 */
final class ClaimIndex {
    private final Catalog catalog;
    private final Map<Long, ClaimRecord> byId = new HashMap<>();
    private final Map<String, ClaimRecord> byName = new HashMap<>();
    private final Map<String, List<ClaimRecord>> byKey = new HashMap<>();

    ClaimIndex(Catalog catalog) {
        this.catalog = catalog;
        catalog.claims().forEach(this::remember);
    }

    Optional<ClaimRecord> named(String namespace, String name) {
        return Optional.ofNullable(byName.get(namespace + "/" + name));
    }

    List<ClaimRecord> withKey(String key) {
        return List.copyOf(byKey.getOrDefault(key, List.of()));
    }

    ClaimRecord insert(String key, String namespace, String name, String mappedBy, List<Candidate> candidates, Instant at) {
        return remember(catalog.insertClaim(key, namespace, name, mappedBy, candidates, at));
    }

    /** Writes only when namespace, name, mappedBy or candidates differ from what is stored. */
    ClaimRecord update(ClaimRecord c, String namespace, String name, String mappedBy, List<Candidate> candidates, Instant at) {
        if (Objects.equals(c.namespace(), namespace) && Objects.equals(c.name(), name) && c.mappedBy().equals(mappedBy)
                && new java.util.HashSet<>(c.candidates()).equals(new java.util.HashSet<>(candidates))) {
            return c;
        }
        return remember(catalog.updateClaim(c.id(), namespace, name, mappedBy, candidates, at));
    }

    private ClaimRecord remember(ClaimRecord c) {
        ClaimRecord old = byId.put(c.id(), c);
        if (old != null) {
            byName.remove(old.namespace() + "/" + old.name());
            byKey.getOrDefault(old.claimKey(), new ArrayList<>()).removeIf(x -> x.id() == old.id());
        }
        if (c.namespace() != null) {
            byName.put(c.namespace() + "/" + c.name(), c);
        }
        byKey.computeIfAbsent(c.claimKey(), k -> new ArrayList<>()).add(c);
        return c;
    }
}
