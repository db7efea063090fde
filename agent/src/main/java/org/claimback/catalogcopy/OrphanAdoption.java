package org.claimback.catalogcopy;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import org.claimback.claims.ClaimSync;
import org.claimback.discovery.DiscoveredVolume;
import org.claimback.discovery.Discovery;
import org.claimback.engine.Engine;
import org.claimback.restic.SnapshotFilter;

/**
 * At the agent's start: adopts the claimback snapshots of this host that the repository holds and
 * the catalogue lacks. A restic left running by a killed agent may have saved its snapshot after
 * the agent died; without this it would be invisible to restores and retention. Add-only: it never
 * drops or changes a snapshot the catalogue knows (besides completing a restic 0.14 short id).
 * Adopted snapshots belong to no run.
 */
public final class OrphanAdoption {
    private OrphanAdoption() {}

    /** Lists the repository once and adds what the catalogue lacks; throws what restic threw. */
    public static MergeCounts adopt(Engine engine) {
        RepositoryListing listing = RepositoryListing.of(engine.restic().snapshots(SnapshotFilter.ALL), engine.config().host());
        Map<String, DiscoveredVolume> onDisk = new HashMap<>();
        new Discovery(Set.copyOf(engine.config().namespaces())).scan(ClaimSync.roots(engine.config())).volumes()
                .forEach(v -> onDisk.put(v.path().toString(), v));
        return new TagMerge(engine.config(), engine.catalog(), onDisk, engine.clock().instant())
                .addMissing(listing.claimSnapshots());
    }
}
