package org.claimback.catalogcopy;

import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.claimback.backup.SnapshotTags;
import org.claimback.catalog.Catalog;
import org.claimback.catalog.ClaimRecord;
import org.claimback.catalog.SnapshotRecord;
import org.claimback.catalog.VolumeRecord;
import org.claimback.config.Config;
import org.claimback.config.ExportConfig;
import org.claimback.discovery.ClaimName;
import org.claimback.discovery.DiscoveredVolume;
import org.claimback.discovery.ExportRoot;
import org.claimback.restic.Snapshot;
import org.claimback.restic.SnapshotSummary;

/**
 * Brings a catalogue in step with the repository, which is the truth:
 * <ul>
 *   <li>each claimback snapshot of this host the catalogue lacks is added with its claim (tags
 *       {@code namespace=}/{@code claim=} when present, else {@code claim-key=}; an existing claim
 *       is found first) and its volume (the snapshot's path, {@code pv=}; export root and layout
 *       from the config; {@code live} if the directory exists now, else {@code missing}). Totals
 *       come from the snapshot's summary (restic 0.17+), else they are marked unknown; whether it
 *       was partial can't be told from the repository: it is not;</li>
 *   <li>a directory on disk whose name maps it to another claim than its snapshots' tags say was
 *       mapped by hand or by an inventory when it was backed up: that is remembered (source
 *       {@code inventory}, detail naming the snapshot) unless the catalogue already remembers
 *       something for it, so the next sync keeps it and its snapshots with the tags' claim;</li>
 *   <li>snapshots the catalogue knows and the repository no longer holds are deleted: they were
 *       forgotten, and must not be offered for restore;</li>
 *   <li>a short id (restic 0.14 reports new snapshots by it) becomes the full id;</li>
 *   <li>an added snapshot's {@code consistency=} tag becomes its recorded consistency;</li>
 *   <li>a snapshot of another host (only given with {@code --all-hosts}) joins the claim of its
 *       claim key like any other (one claim, snapshots of several hosts); its volume is
 *       {@code missing} unless this host's exports hold that directory.</li>
 * </ul>
 * One transaction. Call {@link #merge} with the catalogue being built, never the one in use;
 * {@link #addMissing} (add-only) is for the one in use.
 */
final class TagMerge {

    private final Config config;
    private final Catalog catalog;
    private final Map<String, DiscoveredVolume> onDisk;
    private final Instant now;

    private int claimsAdded;
    private int volumesAdded;
    private int snapshotsAdded;
    private int idsCompleted;
    private int mappings;
    private int unusable;

    /** @param onDisk the volume directories a discovery scan found now, by path */
    TagMerge(Config config, Catalog catalog, Map<String, DiscoveredVolume> onDisk, Instant now) {
        this.config = config;
        this.catalog = catalog;
        this.onDisk = onDisk;
        this.now = now;
    }

    /**
     * @param claimSnapshots the repository's claimback snapshots of this host
     * @param allIds         the full id of every snapshot in the repository, of any host or kind
     */
    MergeCounts merge(List<Snapshot> claimSnapshots, Set<String> allIds) {
        return catalog.inTransaction(() -> {
            Map<String, SnapshotRecord> known = new HashMap<>();
            catalog.snapshots().forEach(s -> known.put(s.resticId(), s));
            List<Snapshot> oldestFirst = claimSnapshots.stream().sorted(Comparator.comparing(Snapshot::time)).toList();
            for (Snapshot s : oldestFirst) {
                SnapshotRecord stored = Optional.ofNullable(known.get(s.id())).orElse(known.get(s.shortId()));
                if (stored != null) {
                    completeId(stored, s);
                } else {
                    add(s);
                }
            }
            int dropped = dropForgotten(known.values(), allIds);
            return new MergeCounts(claimsAdded, volumesAdded, snapshotsAdded, dropped, idsCompleted, mappings, unusable);
        });
    }

    /**
     * Add-only: the claimback snapshots of this host the catalogue lacks are added (and short ids
     * completed); nothing is dropped. For the catalogue in use at the agent's start, to adopt what a
     * restic left running by a killed agent saved after the agent died.
     */
    MergeCounts addMissing(List<Snapshot> claimSnapshots) {
        return catalog.inTransaction(() -> {
            Map<String, SnapshotRecord> known = new HashMap<>();
            catalog.snapshots().forEach(s -> known.put(s.resticId(), s));
            for (Snapshot s : claimSnapshots.stream().sorted(Comparator.comparing(Snapshot::time)).toList()) {
                SnapshotRecord stored = Optional.ofNullable(known.get(s.id())).orElse(known.get(s.shortId()));
                if (stored != null) {
                    completeId(stored, s);
                } else {
                    add(s);
                }
            }
            return new MergeCounts(claimsAdded, volumesAdded, snapshotsAdded, 0, idsCompleted, mappings, unusable);
        });
    }

    private void completeId(SnapshotRecord stored, Snapshot s) {
        if (stored.resticId().length() < s.id().length() && s.id().startsWith(stored.resticId())) {
            catalog.addSnapshot(record(s, stored.claimId(), stored.volumeId(), stored.sourcePath())); // replaces the short id
            idsCompleted++;
        }
    }

    private void add(Snapshot s) {
        Optional<String> key = SnapshotTags.value(s.tags(), SnapshotTags.CLAIM_KEY);
        Optional<String> namespace = SnapshotTags.value(s.tags(), SnapshotTags.NAMESPACE);
        Optional<String> name = SnapshotTags.value(s.tags(), SnapshotTags.CLAIM);
        if (s.paths().size() != 1 || !s.paths().get(0).startsWith("/")
                || (key.isEmpty() && (namespace.isEmpty() || name.isEmpty()))) {
            unusable++;
            return;
        }
        String path = s.paths().get(0);
        String pv = SnapshotTags.value(s.tags(), SnapshotTags.PV).orElse(null);
        ClaimName tagged;
        try {
            tagged = namespace.isPresent() && name.isPresent() ? new ClaimName(namespace.get(), name.get()) : null;
        } catch (IllegalArgumentException e) { // not written by claimback
            unusable++;
            return;
        }
        String claimKey = key.orElseGet(() -> tagged.key());
        boolean remember = tagged != null && nameDisagrees(path, tagged) && catalog.mappingsAt(path).isEmpty();
        ClaimRecord claim = claimFor(claimKey, tagged, pv, remember ? "inventory" : "name", s.time());
        VolumeRecord volume = volumeFor(claim, path, pv, s.time(), s.hostname());
        if (remember) {
            catalog.rememberMapping(path, pv, tagged.namespace(), tagged.name(), "inventory",
                    "tags of snapshot " + s.shortId() + " (claimback catalog rebuild)", now);
            mappings++;
        }
        catalog.addSnapshot(record(s, claim.id(), volume == null ? null : volume.id(), path));
        snapshotsAdded++;
    }

    /** Whether the directory is on disk and its name alone would map it to another claim than {@code tagged}. */
    private boolean nameDisagrees(String path, ClaimName tagged) {
        DiscoveredVolume v = onDisk.get(path);
        if (v == null) {
            return false; // sync won't see it, nothing can move its snapshots
        }
        return v.claimKey() == null || !v.claimKey().equals(tagged.key()) || (v.claim() != null && !v.claim().equals(tagged));
    }

    private ClaimRecord claimFor(String claimKey, ClaimName tagged, String pv, String mappedBy, Instant seen) {
        if (tagged != null) {
            Optional<ClaimRecord> named = catalog.claimNamed(tagged.namespace(), tagged.name());
            if (named.isPresent()) {
                return named.get();
            }
            Optional<ClaimRecord> unresolved = unresolvedWithKey(claimKey);
            if (unresolved.isPresent()) {
                return catalog.updateClaim(unresolved.get().id(), tagged.namespace(), tagged.name(), mappedBy, List.of(), seen);
            }
            claimsAdded++;
            return catalog.insertClaim(claimKey, tagged.namespace(), tagged.name(), mappedBy, List.of(), seen);
        }
        List<ClaimRecord> resolved = catalog.claimsWithKey(claimKey).stream().filter(ClaimRecord::resolved).toList();
        if (resolved.size() == 1) {
            return resolved.get(0);
        }
        Optional<ClaimRecord> unresolved = unresolvedWithKey(claimKey);
        if (unresolved.isPresent()) {
            return unresolved.get();
        }
        claimsAdded++;
        return catalog.insertClaim(claimKey, null, null, claimKey.equals(pv) ? "none" : "name", List.of(), seen);
    }

    private Optional<ClaimRecord> unresolvedWithKey(String claimKey) {
        return catalog.claimsWithKey(claimKey).stream().filter(c -> !c.resolved()).findFirst();
    }

    /** The snapshot's volume: the known one at that path (unless it is now another claim's), else a new one. */
    private VolumeRecord volumeFor(ClaimRecord claim, String path, String pv, Instant seen, String host) {
        Optional<VolumeRecord> existing = catalog.volumeByPath(path);
        if (existing.isPresent()) {
            return existing.get().claimId() == claim.id() ? existing.get() : null;
        }
        Path dir = Path.of(path);
        Optional<ExportConfig> export = config.exports().stream()
                .filter(e -> dir.startsWith(e.path().toAbsolutePath().normalize())).findFirst();
        String root = export.map(e -> e.path().toAbsolutePath().normalize().toString())
                .orElse(dir.getParent() == null ? "/" : dir.getParent().toString());
        String layout = export.map(ExportConfig::layout).filter(l -> l != null).orElse(ExportRoot.DEFAULT_LAYOUT);
        DiscoveredVolume found = onDisk.get(path);
        // another host's directory is on that host's disk, never live here (it must not be backed up as this host's)
        String state = found != null ? found.state().name().toLowerCase(java.util.Locale.ROOT)
                : !host.equals(config.host()) ? "missing"
                : Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS) ? "live" : "missing";
        volumesAdded++;
        return catalog.upsertVolume(claim.id(), root, path, pv, layout, state, seen);
    }

    private static SnapshotRecord record(Snapshot s, long claimId, Long volumeId, String path) {
        SnapshotSummary m = s.summary();
        return new SnapshotRecord(0, s.id(), s.shortId(), claimId, volumeId, null, s.time(), s.hostname(), path, s.tags(),
                false, m == null ? 0 : m.filesNew(), m == null ? 0 : m.filesChanged(), m == null ? 0 : m.filesUnmodified(),
                m == null ? 0 : m.totalFilesProcessed(), m == null ? 0 : m.totalBytesProcessed(), m == null ? 0 : m.dataAdded(),
                false, m != null).withConsistency(SnapshotTags.value(s.tags(), SnapshotTags.CONSISTENCY).orElse(null));
    }

    /** Deletes the snapshots whose id (full, or a 0.14 short id) starts no snapshot id of the repository. */
    private int dropForgotten(java.util.Collection<SnapshotRecord> known, Set<String> allIds) {
        Set<String> shortIds = allIds.stream().map(id -> id.substring(0, Math.min(8, id.length()))).collect(Collectors.toSet());
        List<Long> gone = new ArrayList<>();
        for (SnapshotRecord s : known) {
            boolean present = s.resticId().length() > 8 ? allIds.contains(s.resticId())
                    : shortIds.contains(s.resticId()) || allIds.stream().anyMatch(id -> id.startsWith(s.resticId()));
            if (!present) {
                gone.add(s.id());
            }
        }
        return gone.isEmpty() ? 0 : catalog.deleteSnapshots(gone);
    }
}
