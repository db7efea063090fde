package org.claimback.catalogcopy;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A private (0700) directory of ours beside the catalogue, for copies and rebuilds: on the same
 * file system, so the finished file is renamed into place, and as private as the catalogue.
 * Removed when done; it only ever holds what claimback put there.
 */
final class ScratchDirectory {
    private static final Logger LOG = LoggerFactory.getLogger(ScratchDirectory.class);

    private ScratchDirectory() {}

    /** A new directory {@code <catalogue's directory>/.<prefix>-<random>}, creating the catalogue's directory (0700). */
    static Path besides(Path catalogFile, String prefix) throws IOException {
        Path parent = catalogFile.toAbsolutePath().getParent();
        if (!Files.isDirectory(parent)) {
            Files.createDirectories(parent, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        }
        return Files.createTempDirectory(parent, "." + prefix + "-"); // 0700 on POSIX file systems
    }

    /** Removes the directory and what is in it; a failure is logged, not thrown (the work is done). */
    static void remove(Path dir) {
        if (dir == null || !Files.exists(dir)) {
            return;
        }
        try {
            Files.walkFileTree(dir, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                    Files.delete(file);
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult postVisitDirectory(Path d, IOException e) throws IOException {
                    if (e != null) {
                        throw e;
                    }
                    Files.delete(d);
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            LOG.warn("could not remove claimback's scratch directory {} ({}): remove it by hand", dir, e.toString());
        }
    }
}
