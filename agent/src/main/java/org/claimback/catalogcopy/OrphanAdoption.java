package org.claimback.catalogcopy;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.claimback.claims.ClaimSync;
import org.claimback.discovery.DiscoveredVolume;
import org.claimback.discovery.Discovery;
import org.claimback.engine.Engine;
import org.claimback.restic.Snapshot;
import org.claimback.restic.SnapshotFilter;

/**
 * At the agent's start: adopts the claimback snapshots of this host that the repository holds and
 * the catalogue lacks. A restic left running by a killed agent may have saved its snapshot after
 * the agent died; without this it would be invisible to restores and retention. Add-only: it never
 * drops or changes a snapshot the catalogue knows (besides completing a restic 0.14 short id).
 * Adopted snapshots belong to no run. Snapshots of a volume that a live claimback process is still
 * backing up (its run is {@code running}) are left to that process, which records them itself.
 */
public final class OrphanAdoption {
    /** How many of the newest runs are searched for those still running. */
    private static final int RUNS_SEARCHED = 1000;

    private OrphanAdoption() {}

    /** Lists the repository once and adds what the catalogue lacks; throws what restic threw. */
    public static MergeCounts adopt(Engine engine) {
        RepositoryListing listing = RepositoryListing.of(engine.restic().snapshots(SnapshotFilter.ALL), engine.config().host());
        Map<String, DiscoveredVolume> onDisk = new HashMap<>();
        new Discovery(Set.copyOf(engine.config().namespaces())).scan(ClaimSync.roots(engine.config())).volumes()
                .forEach(v -> onDisk.put(v.path().toString(), v));
        // a claimback process that is alive (a CLI backup beside the agent) records its own snapshot when its restic ends
        Set<String> busy = engine.catalog().runs(null, RUNS_SEARCHED).stream().filter(r -> r.state().equals("running"))
                .map(r -> r.volumeId() == null ? null : engine.catalog().volumeById(r.volumeId()).map(v -> v.path()).orElse(null))
                .filter(java.util.Objects::nonNull).collect(Collectors.toSet());
        List<Snapshot> orphans = listing.claimSnapshots().stream()
                .filter(s -> s.paths().size() != 1 || !busy.contains(s.paths().get(0))).toList();
        return new TagMerge(engine.config(), engine.catalog(), onDisk, engine.clock().instant()).addMissing(orphans);
    }
}
