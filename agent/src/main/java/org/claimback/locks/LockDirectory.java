package org.claimback.locks;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/** The {@code locks/} directory beside the catalogue, created mode 0700 on first use. */
final class LockDirectory {
    private LockDirectory() {}

    static Path beside(Path catalog) {
        Path parent = catalog.toAbsolutePath().normalize().getParent();
        Path dir = parent.resolve("locks");
        try {
            if (!Files.isDirectory(dir)) {
                Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the lock directory " + dir + ": " + e.getMessage()
                    + ": check that the catalogue's directory is writable", e);
        }
        return dir;
    }
}
