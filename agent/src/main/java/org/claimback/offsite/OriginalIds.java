package org.claimback.offsite;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Finds the catalogue id of a copied snapshot's {@code original} (the primary's full id, which
 * {@code restic copy} records): equal to it, or its prefix when restic 0.14 reported a short id.
 */
final class OriginalIds {
    private static final int SHORT = 8;

    private final Map<String, List<String>> byShortId = new HashMap<>();

    OriginalIds(Set<String> catalogueIds) {
        for (String id : catalogueIds) {
            if (id.length() >= SHORT) {
                byShortId.computeIfAbsent(id.substring(0, SHORT), k -> new ArrayList<>()).add(id);
            }
        }
    }

    /** The catalogue id {@code original} belongs to, if the catalogue has one. */
    Optional<String> of(String original) {
        if (original == null || original.length() < SHORT) {
            return Optional.empty();
        }
        return byShortId.getOrDefault(original.substring(0, SHORT), List.of()).stream()
                .filter(original::startsWith).findFirst();
    }
}
