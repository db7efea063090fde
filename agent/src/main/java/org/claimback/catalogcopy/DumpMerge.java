package org.claimback.catalogcopy;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.claimback.backup.SnapshotTags;
import org.claimback.catalog.Catalog;
import org.claimback.catalog.ClaimRecord;
import org.claimback.catalog.DumpRecord;
import org.claimback.dumprestore.DumpSnapshots;
import org.claimback.restic.Snapshot;

/**
 * Brings a catalogue's dumps in step with the repository, after {@link TagMerge} has done the
 * claims and volume snapshots:
 * <ul>
 *   <li>each {@code claimback-dump} snapshot of this host the catalogue lacks becomes a dump row of
 *       its claim ({@code namespace=}/{@code claim=} tags, else {@code claim-key=}; a claim not
 *       known yet is added), named by its {@code dump=} tag, state {@code ok} (a failed dump's
 *       snapshot is forgotten as soon as it is taken, so the ones that remain were good), run
 *       unknown (null), size from the snapshot's summary (restic 0.17+), else 0 (not known: a
 *       restore asks {@code restic ls});</li>
 *   <li>dump rows whose snapshot the repository no longer holds are deleted (a failed one is marked
 *       forgotten instead, as the taking side does).</li>
 * </ul>
 * Call it inside the same transaction and on the same catalogue as {@link TagMerge#merge}.
 */
final class DumpMerge {
    private final Catalog catalog;

    DumpMerge(Catalog catalog) {
        this.catalog = catalog;
    }

    /** What merging the dumps changed. */
    record Counts(int added, int dropped, int unusable) {}

    /**
     * @param dumpSnapshots the repository's {@code claimback-dump} snapshots of this host
     * @param allIds        the full id of every snapshot in the repository
     */
    Counts merge(List<Snapshot> dumpSnapshots, Set<String> allIds) {
        return catalog.inTransaction(() -> {
            int dropped = dropForgotten(allIds);
            int added = 0;
            int unusable = 0;
            for (Snapshot s : dumpSnapshots.stream().sorted(Comparator.comparing(Snapshot::time)).toList()) {
                Optional<String> name = SnapshotTags.value(s.tags(), DumpSnapshots.NAME).filter(n -> !n.isBlank());
                Optional<ClaimRecord> claim = name.isEmpty() ? Optional.empty() : claimOf(s, s.time());
                if (claim.isEmpty()) {
                    unusable++;
                    continue;
                }
                long bytes = s.summary() == null ? 0 : s.summary().totalBytesProcessed();
                DumpRecord stored = catalog.addDump(new DumpRecord(0, s.id(), s.shortId(), claim.get().id(), null, name.get(),
                        s.time(), s.hostname(), bytes, "ok", null));
                if (!before.contains(stored.id())) {
                    added++;
                }
            }
            return new Counts(added, dropped, unusable);
        });
    }

    /** The ids of the rows there were before the merge: what is not among them was added. */
    private final Set<Long> before = new java.util.HashSet<>();

    /** The claim the snapshot's tags name, found or added; empty when the tags name none. */
    private Optional<ClaimRecord> claimOf(Snapshot s, Instant seen) {
        Optional<String> key = SnapshotTags.value(s.tags(), SnapshotTags.CLAIM_KEY);
        Optional<String> namespace = SnapshotTags.value(s.tags(), SnapshotTags.NAMESPACE);
        Optional<String> name = SnapshotTags.value(s.tags(), SnapshotTags.CLAIM);
        if (namespace.isPresent() && name.isPresent()) {
            Optional<ClaimRecord> named = catalog.claimNamed(namespace.get(), name.get());
            if (named.isPresent()) {
                return named;
            }
        }
        if (key.isEmpty()) {
            return Optional.empty();
        }
        List<ClaimRecord> withKey = catalog.claimsWithKey(key.get());
        if (namespace.isEmpty() && withKey.size() == 1) {
            return Optional.of(withKey.get(0));
        }
        if (namespace.isEmpty() && !withKey.isEmpty()) {
            return Optional.empty(); // several claims share the key and the tags don't say which
        }
        Optional<ClaimRecord> unresolved = withKey.stream().filter(c -> !c.resolved()).findFirst();
        if (unresolved.isPresent() && namespace.isPresent() && name.isPresent()) {
            return Optional.of(catalog.updateClaim(unresolved.get().id(), namespace.get(), name.get(), "name", List.of(), seen));
        }
        return Optional.of(catalog.insertClaim(key.get(), namespace.orElse(null), name.orElse(null), "name", List.of(), seen));
    }

    /** Deletes the rows of dumps whose snapshot (full id, or a 0.14 short id) is gone from the repository. */
    private int dropForgotten(Set<String> allIds) {
        Set<String> shortIds = allIds.stream().map(id -> id.substring(0, Math.min(8, id.length()))).collect(Collectors.toSet());
        List<String> gone = new ArrayList<>();
        int marked = 0;
        for (ClaimRecord claim : catalog.claims()) {
            for (DumpRecord d : catalog.dumpsOf(claim.id())) {
                before.add(d.id());
                if (d.resticId() == null || "forgotten".equals(d.state())) {
                    continue;
                }
                boolean present = d.resticId().length() > 8 ? allIds.contains(d.resticId()) : shortIds.contains(d.resticId());
                if (present) {
                    continue;
                }
                if (d.ok()) {
                    gone.add(d.resticId());
                } else {
                    catalog.markDumpForgotten(d.id());
                    marked++;
                }
            }
        }
        return marked + (gone.isEmpty() ? 0 : catalog.deleteDumps(gone));
    }
}
