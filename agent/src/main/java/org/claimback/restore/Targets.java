package org.claimback.restore;

import java.nio.file.Path;
import org.claimback.catalog.Catalog;
import org.claimback.catalog.VolumeRecord;

/** The target rules of {@code claimback restore}: the claim's current volume, or a directory given with --into. */
public final class Targets {
    private Targets() {}

    /** No --into: the claim's current volume by {@link TargetChoice}'s rules (sync the catalogue first). */
    public static TargetRule currentVolume(Catalog catalog, boolean force) {
        return (claim, snapshot) -> {
            Path current = catalog.volumesOf(claim.id()).stream()
                    .filter(v -> v.current() && v.state().equals("live"))
                    .map(VolumeRecord::path).map(Path::of).findFirst().orElse(null);
            int entries = current == null ? -1 : TargetChoice.entries(current);
            return TargetChoice.forClaim(claim.claimKey(), Path.of(snapshot.sourcePath()), current, entries, force);
        };
    }

    /** {@code --into DIR} for one claim: DIR itself. */
    public static TargetRule into(Path dir, boolean force) {
        Path target = dir.toAbsolutePath().normalize();
        return (claim, snapshot) -> TargetChoice.given(target, TargetChoice.entries(target), force, "given with --into");
    }

    /** {@code --into BASE} for many claims: {@code BASE/<namespace>/<name>}, or {@code BASE/<claim key>} when unresolved. */
    public static TargetRule intoBase(Path base, boolean force) {
        Path root = base.toAbsolutePath().normalize();
        return (claim, snapshot) -> {
            Path target = claim.resolved() ? root.resolve(claim.namespace()).resolve(claim.name())
                    : root.resolve(claim.claimKey());
            return TargetChoice.given(target, TargetChoice.entries(target), force, "under --into " + root);
        };
    }
}
