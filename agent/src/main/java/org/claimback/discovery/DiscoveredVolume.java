package org.claimback.discovery;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * One PV directory and the claim its name points to.
 *
 * @param exportRoot          the export root it was found under
 * @param path                the volume directory
 * @param layout              the layout that read it, e.g. {@code nfs-subdir}
 * @param claimKey            {@code <namespace>-<name>} of its claim: groups the volumes of one
 *                            claim across cluster rebuilds, even when the split is unknown
 * @param pvName              {@code pvc-<uuid>}, or null when the layout does not tell
 * @param state               live or archived, as the name tells
 * @param claim               the claim, only when exactly one candidate is left; null otherwise
 * @param candidates          every namespace/name the claim key can be; each has {@code key()}
 *                            equal to {@code claimKey}; never empty
 * @param alternativeClaimKey when the name reads two ways (an archive prefix, or a namespace
 *                            called {@code archived}), the claim key of the reading not chosen;
 *                            null otherwise. See the package documentation.
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
        Objects.requireNonNull(claimKey, "claimKey");
        Objects.requireNonNull(state, "state");
        candidates = List.copyOf(candidates);
        if (candidates.isEmpty()) {
            throw new IllegalArgumentException(path + ": a volume needs at least one candidate claim");
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

    /** A volume whose name reads only one way. */
    public DiscoveredVolume(Path exportRoot, Path path, String layout, String claimKey, String pvName,
                            VolumeState state, ClaimName claim, List<ClaimName> candidates) {
        this(exportRoot, path, layout, claimKey, pvName, state, claim, candidates, null);
    }
}
