package org.claimback.claims;

import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import org.claimback.catalog.Catalog;
import org.claimback.catalog.ClaimRecord;
import org.claimback.catalog.VolumeRecord;
import org.claimback.discovery.ClaimArgument;
import org.claimback.outcome.UserError;

/**
 * Turns a CLAIM argument ({@code namespace/name}, a claim key, or a PV name) into exactly one
 * claim of the catalogue, or a one-line error: unknown claims and ambiguous arguments are never
 * settled by guessing.
 */
public final class ClaimResolver {
    private final Catalog catalog;

    public ClaimResolver(Catalog catalog) {
        this.catalog = catalog;
    }

    public ClaimRecord resolve(String argument) {
        ClaimArgument parsed;
        try {
            parsed = ClaimArgument.parse(argument);
        } catch (IllegalArgumentException e) {
            throw UserError.usage(e.getMessage());
        }
        return switch (parsed.kind()) {
            case NAME -> byName(argument, parsed.claim().namespace(), parsed.claim().name());
            case KEY -> catalog.claimByKey(parsed.claimKey()).orElseThrow(() -> unknown(argument));
            case PV -> byPv(argument, parsed.pvName());
        };
    }

    private ClaimRecord byName(String argument, String namespace, String name) {
        Optional<ClaimRecord> byKey = catalog.claimByKey(namespace + "-" + name);
        if (byKey.isEmpty()) {
            throw unknown(argument);
        }
        ClaimRecord claim = byKey.get();
        if (claim.namespace() != null && !(claim.namespace().equals(namespace) && claim.name().equals(name))) {
            throw UserError.usage("no claim " + argument + ": its claim key " + claim.claimKey() + " belongs to "
                    + claim.namespace() + "/" + claim.name() + "; run `claimback claims` to list claims");
        }
        return claim;
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
