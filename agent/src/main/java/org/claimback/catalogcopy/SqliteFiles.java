package org.claimback.catalogcopy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.claimback.outcome.ExitCode;
import org.claimback.outcome.UserError;
import org.claimback.restore.AsideName;

/**
 * A SQLite file travels with its {@code -wal} and {@code -shm}: moved together, under names that
 * keep them together ({@code X}, {@code X-wal}, {@code X-shm}), so the moved database still opens
 * with everything that was committed. Nothing here deletes.
 */
final class SqliteFiles {
    private static final List<String> SIDECARS = List.of("-wal", "-shm");

    private SqliteFiles() {}

    /**
     * Moves {@code file} and its sidecars aside to {@code <file>.claimback-aside-<UTC yyyyMMdd-HHmmss>}
     * (with {@code -2}, {@code -3}, ... when taken). Returns the moved files' new paths, the
     * database first; empty when there was nothing.
     */
    static List<Path> moveAside(Path file, Instant now) {
        List<Path> present = present(file);
        if (present.isEmpty()) {
            return List.of();
        }
        Path aside = AsideName.free(file, now, p -> !present(p).isEmpty());
        return move(file, aside, "moving the catalogue aside");
    }

    /** Moves {@code from} and its sidecars to {@code to}, which must not exist; the database first. */
    static List<Path> move(Path from, Path to, String doing) {
        List<Path> moved = new ArrayList<>();
        for (String suffix : withMain()) {
            Path source = from.resolveSibling(from.getFileName() + suffix);
            if (!Files.exists(source, LinkOption.NOFOLLOW_LINKS)) {
                continue;
            }
            Path target = to.resolveSibling(to.getFileName() + suffix);
            try {
                Files.move(source, target, StandardCopyOption.ATOMIC_MOVE);
            } catch (IOException e) {
                throw new UserError(ExitCode.FAILED, doing + ": cannot move " + source + " to " + target + " (" + e + ")"
                        + (moved.isEmpty() ? "" : "; already moved: " + moved) + ": move the rest by hand so that "
                        + target.getFileName() + " and its -wal/-shm stay together", e);
            }
            moved.add(target);
        }
        return moved;
    }

    /** The database and the sidecars of {@code file} that exist. */
    static List<Path> present(Path file) {
        return withMain().stream().map(s -> file.resolveSibling(file.getFileName() + s))
                .filter(p -> Files.exists(p, LinkOption.NOFOLLOW_LINKS)).toList();
    }

    private static List<String> withMain() {
        List<String> all = new ArrayList<>(List.of(""));
        all.addAll(SIDECARS);
        return all;
    }
}
