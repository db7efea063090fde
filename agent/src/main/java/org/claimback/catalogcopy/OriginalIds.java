package org.claimback.catalogcopy;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.claimback.catalog.Catalog;
import org.claimback.catalog.ClaimRecord;
import org.claimback.catalog.CopyRecord;
import org.claimback.restic.Snapshot;

/**
 * An offsite copy's snapshots seen with the primary repository's ids, as the catalogue keys them:
 * {@code restic copy} gives each copied snapshot a new id and keeps the primary's in its
 * {@code original} field. A snapshot without one (made in the copy itself) keeps its own id. When
 * two copy snapshots have the same original, the older one stands for it.
 */
final class OriginalIds {
    private final List<Snapshot> originals;
    private final Map<String, Snapshot> ownByOriginal;

    private OriginalIds(List<Snapshot> originals, Map<String, Snapshot> ownByOriginal) {
        this.originals = originals;
        this.ownByOriginal = ownByOriginal;
    }

    /** @param listed every snapshot of the copy repository ({@code restic snapshots}) */
    static OriginalIds of(List<Snapshot> listed) {
        Map<String, Snapshot> own = new LinkedHashMap<>();
        List<Snapshot> originals = new ArrayList<>();
        for (Snapshot s : listed.stream().sorted(Comparator.comparing(Snapshot::time)).toList()) {
            Snapshot original = s.asOriginal();
            if (own.putIfAbsent(original.id(), s) == null) {
                originals.add(original);
            }
        }
        return new OriginalIds(List.copyOf(originals), own);
    }

    /** The copy's snapshots, each under its original id, oldest first. */
    List<Snapshot> originals() {
        return originals;
    }

    /** The copy's own id of the snapshot it holds as {@code originalId}. */
    String ownId(String originalId) {
        Snapshot s = ownByOriginal.get(originalId);
        if (s == null) {
            throw new IllegalArgumentException("the copy holds no snapshot " + originalId);
        }
        return s.id();
    }

    /**
     * Makes the catalogue's copy records of {@code copyName} what the copy holds: one for each of its
     * snapshots the catalogue knows (claim snapshots and dumps, by their primary id, full or 0.14's
     * short one), none for what the copy no longer holds. Returns how many it holds.
     */
    int record(Catalog catalog, String copyName, Instant now) {
        Map<String, String> known = new HashMap<>();
        catalog.snapshots().forEach(s -> known.put(s.resticId(), s.resticId()));
        for (ClaimRecord c : catalog.claims()) {
            catalog.dumpsOf(c.id()).forEach(d -> known.put(d.resticId(), d.resticId()));
        }
        Map<String, String> byShort = new HashMap<>();
        known.keySet().stream().filter(id -> id.length() <= 8).forEach(id -> byShort.put(id, id));
        Set<String> held = new HashSet<>();
        int recorded = 0;
        for (Snapshot s : originals) {
            String catalogued = known.containsKey(s.id()) ? s.id() : byShort.get(s.shortId());
            if (catalogued == null) {
                continue;
            }
            String own = ownId(s.id());
            catalog.addCopy(new CopyRecord(catalogued, copyName, own, s.time(), now, null));
            held.add(own);
            recorded++;
        }
        List<String> gone = catalog.copiesIn(copyName).stream().map(CopyRecord::copyResticId).filter(id -> !held.contains(id))
                .toList();
        catalog.deleteCopies(copyName, gone);
        return recorded;
    }
}
