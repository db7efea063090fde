package org.claimback.consistency;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.List;
import java.util.Set;
import org.claimback.restic.MountView;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A volume made ready to be read: where to scan it, what restic sees at its path, how it was made
 * consistent, and what could not be. Closing removes the database copies made for it.
 *
 * @param readDir  where its content is read: the snapshot's copy of the volume, or the live directory
 * @param view     what restic sees at the volume's own path
 * @param methods  {@link ConsistencyMethod}s applied (without {@code hook}, which the caller knows)
 * @param problems databases that were backed up as live files because no consistent copy could be made
 * @param copies   the directory of the database copies, or null
 */
public record PreparedVolume(Path readDir, MountView view, Set<String> methods, List<String> problems, Path copies)
        implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(PreparedVolume.class);

    public PreparedVolume {
        methods = Set.copyOf(methods);
        problems = List.copyOf(problems);
    }

    /** The live directory as it is. */
    public static PreparedVolume live(Path dir) {
        return new PreparedVolume(dir, MountView.LIVE, Set.of(), List.of(), null);
    }

    @Override
    public void close() {
        if (copies == null || !Files.exists(copies)) {
            return;
        }
        try {
            Files.walkFileTree(copies, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                    Files.delete(file);
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult postVisitDirectory(Path dir, IOException e) throws IOException {
                    Files.delete(dir);
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            LOG.warn("cannot remove the database copies in {}: {}", copies, e.toString());
        }
    }
}
