package org.claimback.discovery;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * One PV directory and the claim its name points to, if its name tells.
 *
 * <p>Some layouts don't name the claim (csi-driver-nfs by default names the directory after the PV
 * only; a pathPattern may carry the namespace without the claim name, or only labels). Such a
 * volume has {@code claimKey}, {@code claim} and {@code candidates} all unknown: null, null and
 * empty ({@link #claimKnown()} is false). It is mapped to a claim later, through a PV inventory, a
 * mapping the user gives or the mapping remembered from earlier scans; until then it is unmapped.
 *
 * @param exportRoot          the export root it was found under
 * @param path                the volume directory
 * @param layout              the layout that read it, e.g. {@code nfs-subdir}
 * @param claimKey            {@code <namespace>-<name>} of its claim: groups the volumes of one
 *                            claim across cluster rebuilds, even when the split is unknown; null
 *                            when the name does not tell the claim
 * @param pvName              {@code pvc-<uuid>}, or null when the name does not tell (e.g.
 *                            pathPattern directories, reused by every PV the claim has)
 * @param state               live or archived, as the name tells
 * @param claim               the claim, only when exactly one candidate is left; null otherwise
 * @param candidates          every namespace/name the claim key can be; each has {@code key()}
 *                            equal to {@code claimKey}; empty exactly when {@code claimKey} is null
 * @param alternativeClaimKey when the name reads two ways (an archive prefix, or a namespace
 *                            called {@code archived}), the claim key of the reading not chosen,
 *                            if that reading names one; null otherwise. See the package
 *                            documentation.
 */
public record DiscoveredVolume(
        Path exportRoot,
        Path path,
        String layout,
        String claimKey,
        String pvName,
        VolumeState state,
        ClaimName claim,
        List<ClaimName> candidates,
        String alternativeClaimKey) implements Finding {

    public DiscoveredVolume {
        Objects.requireNonNull(exportRoot, "exportRoot");
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(layout, "layout");
        Objects.requireNonNull(state, "state");
        candidates = List.copyOf(candidates);
        if (claimKey == null) {
            if (claim != null || !candidates.isEmpty()) {
                throw new IllegalArgumentException(path + ": a volume without claim key has no claim and no candidates");
            }
        } else {
            requireCandidatesOf(path, claimKey, claim, candidates);
        }
    }

    private static void requireCandidatesOf(Path path, String claimKey, ClaimName claim, List<ClaimName> candidates) {
        if (candidates.isEmpty()) {
            throw new IllegalArgumentException(path + ": a volume with claim key " + claimKey
                    + " needs at least one candidate claim");
        }
        for (ClaimName c : candidates) {
            if (!c.key().equals(claimKey)) {
                throw new IllegalArgumentException(path + ": candidate " + c + " does not have claim key " + claimKey);
            }
        }
        if (!Objects.equals(claim, candidates.size() == 1 ? candidates.get(0) : null)) {
            throw new IllegalArgumentException(path + ": the claim must be the only candidate, or null when there are "
                    + candidates.size());
        }
    }

    /** A volume whose name does not tell its claim: unmapped until an inventory, a mapping or memory maps it. */
    public static DiscoveredVolume withoutClaim(Path exportRoot, Path path, String layout, String pvName,
                                                VolumeState state) {
        return new DiscoveredVolume(exportRoot, path, layout, null, pvName, state, null, List.of(), null);
    }

    /** Whether the name tells the claim key (then {@code candidates} holds at least one claim). */
    public boolean claimKnown() {
        return claimKey != null;
    }

    /** A volume whose name reads only one way. */
    public DiscoveredVolume(Path exportRoot, Path path, String layout, String claimKey, String pvName,
                            VolumeState state, ClaimName claim, List<ClaimName> candidates) {
        this(exportRoot, path, layout, claimKey, pvName, state, claim, candidates, null);
    }
}
