package org.claimback.restore;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;

/**
 * Regular files and their bytes under a directory, counted the way restic's backup summary
 * counts them (every path of a hard-linked file, no symlinks, devices or directories), so a
 * restored tree can be checked against the snapshot it came from.
 */
public record TreeTotals(long files, long bytes) {

    public static TreeTotals of(Path dir) throws IOException {
        long[] totals = new long[2];
        Files.walkFileTree(dir, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                if (attrs.isRegularFile()) {
                    totals[0]++;
                    totals[1] += attrs.size();
                }
                return FileVisitResult.CONTINUE;
            }
        });
        return new TreeTotals(totals[0], totals[1]);
    }
}
