package org.claimback.claims;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.claimback.catalog.Catalog;
import org.claimback.catalog.ClaimRecord;
import org.claimback.catalog.VolumeRecord;
import org.claimback.discovery.ClaimArgument;
import org.claimback.outcome.UserError;

/**
 * Turns a CLAIM argument ({@code namespace/name}, a claim key, or a PV name, each optionally
 * qualified by a host as {@code CLAIM@HOST}, see {@link ClaimRef}) into exactly one claim of the
 * catalogue, or a one-line error: unknown claims and ambiguous arguments are never settled by
 * guessing. A claim is keyed by its claim key alone, so one claim may hold snapshots of several
 * hosts (servers sharing a repository); the host qualifier picks among them and must name a host
 * that has snapshots of it.
 */
public final class ClaimResolver {
    private final Catalog catalog;

    public ClaimResolver(Catalog catalog) {
        this.catalog = catalog;
    }

    /** The claim of {@code argument}; a host qualifier is checked ({@link #resolve(ClaimRef)}), then dropped. */
    public ClaimRecord resolve(String argument) {
        return resolve(ClaimRef.parse(argument));
    }

    /**
     * The claim {@code ref} names. With a host, the claim must have snapshots of that host, else a
     * usage error lists the hosts it has.
     */
    public ClaimRecord resolve(ClaimRef ref) {
        ClaimRecord claim = resolveClaim(ref.claim());
        if (ref.qualified()) {
            Set<String> hosts = SnapshotHosts.of(catalog, claim);
            if (!hosts.contains(ref.host())) {
                throw UserError.usage("claim " + label(claim) + " has no snapshots of host " + ref.host()
                        + (hosts.isEmpty() ? "" : " (it has snapshots of " + String.join(", ", hosts) + ")")
                        + ": run `claimback backups " + claim.claimKey() + "` to see its hosts");
            }
        }
        return claim;
    }

    /**
     * The claim of {@code argument} for backup or retention by {@code thisHost}: refused with one
     * line when the argument names another host, or when the claim is another host's (its
     * snapshots are all of other hosts and no volume of it is live here). This host backs up and
     * forgets only its own claims.
     */
    public ClaimRecord resolveManaged(String argument, String thisHost) {
        ClaimRef ref = ClaimRef.parse(argument);
        if (ref.qualified() && !ref.host().equals(thisHost)) {
            throw UserError.usage(ref + " names host " + ref.host() + " but this host is " + thisHost
                    + ": this host does not manage it; run the command on " + ref.host() + " (or drop @" + ref.host() + ")");
        }
        ClaimRecord claim = resolveClaim(ref.claim());
        Set<String> hosts = SnapshotHosts.of(catalog, claim);
        boolean liveHere = catalog.volumesOf(claim.id()).stream().anyMatch(v -> v.state().equals("live"));
        if (!hosts.isEmpty() && !hosts.contains(thisHost) && !liveHere) {
            throw UserError.usage("claim " + label(claim) + " is backed up by " + String.join(", ", hosts) + ", not this host "
                    + thisHost + ": this host does not manage it; run the command on " + hosts.iterator().next());
        }
        return claim;
    }

    private ClaimRecord resolveClaim(String argument) {
        ClaimArgument parsed;
        try {
            parsed = ClaimArgument.parse(argument);
        } catch (IllegalArgumentException e) {
            throw UserError.usage(e.getMessage());
        }
        return switch (parsed.kind()) {
            case NAME -> byName(argument, parsed.claim().namespace(), parsed.claim().name());
            case KEY -> byKey(argument, parsed.claimKey());
            case PV -> byPv(argument, parsed.pvName());
        };
    }

    private ClaimRecord byKey(String argument, String key) {
        List<ClaimRecord> claims = catalog.claimsWithKey(key);
        if (claims.isEmpty()) {
            throw unknown(argument);
        }
        if (claims.size() > 1) {
            throw UserError.usage("claim key " + key + " names " + claims.size() + " claims ("
                    + claims.stream().map(ClaimResolver::label).collect(Collectors.joining(", "))
                    + "): name one as namespace/name");
        }
        return claims.get(0);
    }

    private ClaimRecord byName(String argument, String namespace, String name) {
        Optional<ClaimRecord> named = catalog.claimNamed(namespace, name);
        if (named.isPresent()) {
            return named.get();
        }
        List<ClaimRecord> sameKey = catalog.claimsWithKey(namespace + "-" + name);
        List<ClaimRecord> unresolved = sameKey.stream().filter(c -> c.namespace() == null)
                // the split is not known here (e.g. rebuilt from tags on another machine): the key alone names it
                .filter(c -> c.candidates().isEmpty()
                        || c.candidates().stream().anyMatch(x -> x.namespace().equals(namespace) && x.name().equals(name)))
                .toList();
        if (unresolved.size() == 1) {
            return unresolved.get(0);
        }
        if (!sameKey.isEmpty()) {
            throw UserError.usage("no claim " + argument + ": its claim key " + sameKey.get(0).claimKey() + " belongs to "
                    + sameKey.stream().map(ClaimResolver::label).collect(Collectors.joining(", "))
                    + "; run `claimback claims` to list claims");
        }
        throw unknown(argument);
    }

    /** namespace/name, or the claim key with its candidate splits when unresolved. */
    static String label(ClaimRecord c) {
        if (c.namespace() != null) {
            return c.namespace() + "/" + c.name();
        }
        return c.claimKey() + (c.candidates().isEmpty() ? "" : " (" + c.candidates().stream()
                .map(x -> x.namespace() + "/" + x.name()).collect(Collectors.joining(" or ")) + ")");
    }

    private ClaimRecord byPv(String argument, String pvName) {
        List<Long> claimIds = catalog.volumesByPv(pvName).stream().map(VolumeRecord::claimId).distinct().toList();
        if (claimIds.isEmpty()) {
            throw unknown(argument);
        }
        if (claimIds.size() > 1) {
            String keys = claimIds.stream().map(id -> catalog.claimById(id).map(ClaimRecord::claimKey).orElse("?"))
                    .collect(Collectors.joining(", "));
            throw UserError.usage("PV " + pvName + " is on several claims (" + keys + "): name the claim instead");
        }
        return catalog.claimById(claimIds.get(0)).orElseThrow(() -> unknown(argument));
    }

    private static UserError unknown(String argument) {
        return UserError.usage("no claim " + argument + " in the catalogue: run `claimback claims` to list the claims claimback knows");
    }
}
