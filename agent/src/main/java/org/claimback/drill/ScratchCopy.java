package org.claimback.drill;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import org.claimback.outcome.UserError;

/**
 * The scratch directories drills restore into: {@code <root>/<claim key>-<UTC time>}, each made
 * fresh (never reused) under a root only root can enter (mode 0700), and removed afterwards.
 * Removal deletes only a direct child of the scratch root, checked by real path, and never
 * follows a symbolic link: a link inside the copy is removed, not what it points to.
 */
public final class ScratchCopy {
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC);
    private static final int MAX_KEY = 180;

    private ScratchCopy() {}

    /** Makes a new, empty directory for one drill of {@code claimKey}, creating the root (0700) when missing. */
    public static Path create(Path root, String claimKey, Instant now) {
        try {
            if (!Files.exists(root, LinkOption.NOFOLLOW_LINKS)) {
                Files.createDirectories(root.getParent());
                try {
                    Files.createDirectory(root, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
                } catch (FileAlreadyExistsException e) {
                    // made by a drill beside us
                }
            }
            int mode = (Integer) Files.getAttribute(root, "unix:mode");
            if (!Files.isDirectory(root) || (mode & 077) != 0) {
                throw UserError.usage("drill.scratch " + root + (Files.isDirectory(root)
                        ? String.format(" is open to other users (mode %04o): run chmod 700 %s, or choose a directory for claimback alone", mode & 07777, root)
                        : " is not a directory: set drill.scratch to a directory for claimback alone"));
            }
            String name = safe(claimKey) + "-" + STAMP.format(now);
            for (int n = 1; ; n++) {
                Path dir = root.resolve(n == 1 ? name : name + "-" + n);
                try {
                    return Files.createDirectory(dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
                } catch (FileAlreadyExistsException e) {
                    // another drill of this claim in the same second: take the next name
                }
            }
        } catch (IOException e) {
            throw UserError.usage("cannot make a scratch directory for a drill under " + root + ": " + e.getMessage()
                    + ": set drill.scratch to a writable directory with room for the largest claim");
        }
    }

    /**
     * Deletes {@code copy} and everything in it. Refuses (and deletes nothing) unless {@code copy}
     * is a real directory, not a link, directly inside {@code root}. Throws when anything could not
     * be deleted, after deleting all it could.
     */
    public static void remove(Path root, Path copy) throws IOException {
        if (Files.isSymbolicLink(copy) || !Files.isDirectory(copy, LinkOption.NOFOLLOW_LINKS)) {
            throw new IOException("refusing to delete " + copy + ": not a directory of its own");
        }
        Path realRoot = root.toRealPath();
        Path real = copy.toRealPath();
        if (!realRoot.equals(real.getParent())) {
            throw new IOException("refusing to delete " + copy + " (really " + real + "): it is not inside the drill scratch directory "
                    + realRoot);
        }
        List<String> failures = new ArrayList<>();
        Files.walkFileTree(real, new SimpleFileVisitor<>() { // does not follow links
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                delete(file);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path file, IOException e) {
                failures.add(file + ": " + e.getMessage());
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path dir, IOException e) {
                delete(dir);
                return FileVisitResult.CONTINUE;
            }

            private void delete(Path path) {
                try {
                    Files.delete(path);
                } catch (IOException e) {
                    failures.add(path + ": " + e.getMessage());
                }
            }
        });
        if (!failures.isEmpty()) {
            throw new IOException(failures.size() + " entries of " + copy + " could not be deleted, e.g. " + failures.get(0));
        }
    }

    private static String safe(String claimKey) {
        String name = claimKey.replaceAll("[^A-Za-z0-9._-]", "_");
        if (name.startsWith(".")) {
            name = "_" + name;
        }
        return name.length() > MAX_KEY ? name.substring(0, MAX_KEY) : name;
    }
}
