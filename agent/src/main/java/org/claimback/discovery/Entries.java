package org.claimback.discovery;

import java.io.IOException;
import java.nio.file.DirectoryIteratorException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.function.Consumer;

/**
 * Lists one directory the way every layout does: one listing and one {@code lstat} per entry.
 * Hidden entries (starting with '.'), {@code lost+found}, entries that vanish while listed and
 * entries that are neither directories nor symlinks are skipped; a symlink is unmatched and never
 * followed; an entry that can't be {@code lstat}ed is unmatched.
 */
final class Entries {

    static final String SYMLINK = "symlink, not followed";

    private Entries() {
    }

    /**
     * Hands every subdirectory of {@code directory} to {@code subdirectory} and every symlink or
     * unreadable entry to {@code found}, as {@link UnmatchedDirectory}.
     *
     * @throws IOException if {@code directory} itself cannot be listed
     */
    static void forEachDirectory(Path exportRoot, Path directory, Consumer<Finding> found,
                                 Consumer<Path> subdirectory) throws IOException {
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(directory)) {
            for (Path entry : entries) {
                String name = entry.getFileName().toString();
                if (name.startsWith(".") || name.equals("lost+found")) {
                    continue;
                }
                BasicFileAttributes attributes;
                try {
                    attributes = Files.readAttributes(entry, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
                } catch (NoSuchFileException gone) {
                    continue;
                } catch (IOException e) {
                    found.accept(new UnmatchedDirectory(exportRoot, entry, "cannot be read: " + Discovery.describe(e)));
                    continue;
                }
                if (attributes.isSymbolicLink()) {
                    found.accept(new UnmatchedDirectory(exportRoot, entry, SYMLINK));
                } else if (attributes.isDirectory()) {
                    subdirectory.accept(entry);
                }
            }
        } catch (DirectoryIteratorException e) {
            throw e.getCause();
        }
    }
}
