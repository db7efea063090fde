package org.claimback.restore;

import java.time.Instant;
import java.util.List;
import org.claimback.catalog.Catalog;
import org.claimback.catalog.CatalogException;
import org.claimback.catalog.ClaimRecord;
import org.claimback.catalog.SnapshotRecord;
import org.claimback.outcome.UserError;

/**
 * Which snapshot a restore uses, always one of the claim's own (never "latest" across the
 * repository). A good snapshot is neither partial nor suspicious. Without an id: the claim's
 * newest good snapshot, at or before the query's time when it has one. With an id: that
 * snapshot, which must belong to the claim; a partial one is then accepted, a suspicious one only
 * with {@link SnapshotQuery#allowSuspicious()}.
 *
 * <p>Hosts: a claim key backed up by several servers sharing one repository has snapshots of each
 * host. Without an id, the query must then name the host ({@code CLAIM@HOST}): the newest snapshot
 * of one server is not a restore of the other's. With an id, no host is needed (the id says it).
 */
public final class SnapshotChoice {
    private SnapshotChoice() {}

    /** The snapshot named by {@code requestedId}, else the newest good one. */
    public static SnapshotRecord choose(Catalog catalog, ClaimRecord claim, String requestedId) {
        return choose(catalog, claim, new SnapshotQuery(requestedId, null, false));
    }

    public static SnapshotRecord choose(Catalog catalog, ClaimRecord claim, SnapshotQuery query) {
        if (query.snapshotId() != null) {
            return named(catalog, claim, query);
        }
        return newestGood(claim, ofHost(claim, catalog.snapshotsOf(claim.id()), query.host()), query.at());
    }

    /** The snapshots of {@code host}; with no host, all of them, which must then be of one host. */
    static List<SnapshotRecord> ofHost(ClaimRecord claim, List<SnapshotRecord> snapshots, String host) {
        java.util.Set<String> hosts = snapshots.stream().map(SnapshotRecord::host).filter(h -> h != null)
                .collect(java.util.stream.Collectors.toCollection(java.util.TreeSet::new));
        String key = claim.claimKey();
        if (host == null) {
            if (hosts.size() > 1) {
                throw UserError.usage("claim " + key + " has snapshots of " + hosts.size() + " hosts (" + String.join(", ", hosts)
                        + "): write " + key + "@HOST, e.g. " + key + "@" + hosts.iterator().next() + ", or pass --snapshot ID");
            }
            return snapshots;
        }
        if (!hosts.contains(host)) {
            throw UserError.usage("claim " + key + " has no snapshots of host " + host
                    + (hosts.isEmpty() ? "" : " (it has snapshots of " + String.join(", ", hosts) + ")")
                    + ": list them with `claimback backups " + key + "`");
        }
        return snapshots.stream().filter(s -> host.equals(s.host())).toList();
    }

    /** The newest good snapshot of {@code snapshots} (newest first) at or before {@code at} (null: any time). */
    static SnapshotRecord newestGood(ClaimRecord claim, List<SnapshotRecord> snapshots, Instant at) {
        String key = claim.claimKey();
        if (snapshots.isEmpty()) {
            throw UserError.failed("claim " + key + " has no snapshots: back it up first (`claimback backup " + key + "`)");
        }
        List<SnapshotRecord> inTime = snapshots.stream().filter(s -> at == null || !s.time().isAfter(at)).toList();
        if (inTime.isEmpty()) {
            throw UserError.failed("claim " + key + " has no snapshot at or before " + at + " (its oldest is from "
                    + snapshots.get(snapshots.size() - 1).time() + "): give a later --at, or list them with `claimback backups "
                    + key + "`");
        }
        return inTime.stream().filter(s -> !s.partial() && !s.suspicious()).findFirst().orElseThrow(() -> {
            boolean partial = inTime.stream().anyMatch(SnapshotRecord::partial);
            boolean suspicious = inTime.stream().anyMatch(SnapshotRecord::suspicious);
            String kinds = partial && suspicious ? "partial or suspicious" : partial ? "partial" : "suspicious";
            return UserError.failed("claim " + key + " has only " + kinds + " snapshots" + (at == null ? "" : " at or before " + at)
                    + ": list them with `claimback backups " + key + "` and pass --snapshot ID"
                    + (suspicious ? " (with --allow-suspicious for a suspicious one)" : ""));
        });
    }

    private static SnapshotRecord named(Catalog catalog, ClaimRecord claim, SnapshotQuery query) {
        String id = query.snapshotId();
        SnapshotRecord s;
        try {
            s = catalog.snapshotByResticId(id).orElseThrow(() -> UserError.usage("no snapshot " + id
                    + " in the catalogue: run `claimback backups " + claim.claimKey() + "` to list this claim's snapshots"));
        } catch (CatalogException e) {
            throw UserError.usage(e.getMessage());
        }
        if (s.claimId() != claim.id()) {
            String owner = catalog.claimById(s.claimId()).map(ClaimRecord::claimKey).orElse("another claim");
            throw UserError.usage("snapshot " + s.shortId() + " belongs to " + owner + ", not " + claim.claimKey()
                    + ": run `claimback backups " + claim.claimKey() + "` to list this claim's snapshots");
        }
        if (query.host() != null && !query.host().equals(s.host())) {
            throw UserError.usage("snapshot " + s.shortId() + " of " + claim.claimKey() + " was taken by host " + s.host()
                    + ", not " + query.host() + ": drop @" + query.host() + " or name another snapshot");
        }
        if (s.suspicious() && !query.allowSuspicious()) {
            throw UserError.usage("snapshot " + s.shortId() + " of " + claim.claimKey() + " is marked suspicious (the volume"
                    + " shrank sharply when it was taken): pass --allow-suspicious to restore it anyway, or choose another");
        }
        return s;
    }
}
