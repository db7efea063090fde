package org.claimback.sqlite;

import java.io.IOException;
import java.nio.file.FileSystem;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds the SQLite databases in a volume by their header, and names the files SQLite keeps beside
 * one.
 */
public final class SqliteFinder {
    private static final Logger LOG = LoggerFactory.getLogger(SqliteFinder.class);
    private static final List<String> COMPANION_SUFFIXES = List.of("-wal", "-shm", "-journal");

    private SqliteFinder() {
    }

    /**
     * Regular files under volumeDir whose first 16 bytes are "SQLite format 3\0" (found by header,
     * never by name), sorted, absolute. Does not follow symbolic links, skips files smaller than 512
     * bytes, leaves out files whose path relative to volumeDir matches one of excludeGlobs
     * (java.nio PathMatcher "glob:" syntax, e.g. "cache/*.db", "**.sqlite"), and does not descend
     * into other mounted filesystems. Unreadable files/directories are skipped (logged at debug),
     * not fatal.
     *
     * @throws IOException when volumeDir itself cannot be read
     */
    public static List<Path> find(Path volumeDir, List<String> excludeGlobs) throws IOException {
        Path root = volumeDir.toAbsolutePath().normalize();
        List<PathMatcher> excludes = matchers(root.getFileSystem(), excludeGlobs);
        Object rootDevice = Files.getAttribute(root, "unix:dev");
        List<Path> found = new ArrayList<>();
        Files.walkFileTree(root, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
                if (!dir.equals(root) && !rootDevice.equals(Files.getAttribute(dir, "unix:dev", LinkOption.NOFOLLOW_LINKS))) {
                    LOG.debug("sqlite: not searching {}: another filesystem is mounted there", dir);
                    return FileVisitResult.SKIP_SUBTREE;
                }
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                if (attrs.isRegularFile() && attrs.size() >= SqliteHeader.MIN_SIZE && !excluded(root.relativize(file))
                        && isDatabase(file)) {
                    found.add(file);
                }
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path file, IOException e) throws IOException {
                if (file.equals(root)) {
                    throw e;
                }
                LOG.debug("sqlite: skipping {}: {}", file, e.toString());
                return FileVisitResult.CONTINUE;
            }

            private boolean excluded(Path relative) {
                return excludes.stream().anyMatch(m -> m.matches(relative));
            }
        });
        found.sort(null);
        return List.copyOf(found);
    }

    /** The files SQLite keeps beside a database, whether they exist or not: NAME-wal, NAME-shm, NAME-journal. */
    public static List<Path> companions(Path database) {
        return COMPANION_SUFFIXES.stream().map(s -> database.resolveSibling(database.getFileName() + s)).toList();
    }

    private static boolean isDatabase(Path file) {
        try {
            return SqliteHeader.startsWithMagic(file);
        } catch (IOException e) {
            LOG.debug("sqlite: skipping {}: {}", file, e.toString());
            return false;
        }
    }

    private static List<PathMatcher> matchers(FileSystem fs, List<String> globs) {
        return globs.stream().map(g -> fs.getPathMatcher("glob:" + g)).toList();
    }
}
