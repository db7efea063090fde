package org.claimback.fssnapshot;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * A read-only snapshot of {@code subvolume}, at {@code path} (inside
 * {@code subvolume/.claimback-snapshots}).
 */
public record FsSnapshot(Path subvolume, Path path) {

    public FsSnapshot {
        Objects.requireNonNull(subvolume, "subvolume");
        Objects.requireNonNull(path, "path");
    }

    /**
     * Where {@code dir} (at or under {@link #subvolume}) appears inside the snapshot. Paths are
     * compared as written first; when {@code dir} is spelled through a symlink, its real path is
     * used. IllegalArgumentException when {@code dir} is not under the subvolume.
     */
    public Path view(Path dir) {
        Path base = subvolume.toAbsolutePath().normalize();
        Path target = dir.toAbsolutePath().normalize();
        if (!target.startsWith(base)) {
            target = realPath(target).filter(real -> real.startsWith(base)).orElseThrow(() -> new IllegalArgumentException(
                    dir + " is not inside the btrfs subvolume " + subvolume + ", so the snapshot " + path + " does not hold it"));
        }
        return path.resolve(base.relativize(target).toString());
    }

    private static Optional<Path> realPath(Path dir) {
        try {
            return Optional.of(dir.toRealPath());
        } catch (IOException | SecurityException e) {
            return Optional.empty();
        }
    }
}
