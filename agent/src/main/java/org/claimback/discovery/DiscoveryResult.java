package org.claimback.discovery;

import java.nio.file.Path;
import java.util.List;

/**
 * What one scan found, each list sorted by path.
 *
 * @param volumes   the volumes, live and archived
 * @param unmatched entries that fit no layout: listed, never backed up as a claim
 * @param problems  one line per export root that could not be read (missing, not a directory,
 *                  unreadable); such a root contributes nothing, so its volumes are unknown, not
 *                  gone. The caller decides whether that is fatal.
 * @param unreadableRoots the export roots those problems are about
 */
public record DiscoveryResult(List<DiscoveredVolume> volumes, List<UnmatchedDirectory> unmatched,
                              List<String> problems, List<Path> unreadableRoots) {

    public DiscoveryResult {
        volumes = List.copyOf(volumes);
        unmatched = List.copyOf(unmatched);
        problems = List.copyOf(problems);
        unreadableRoots = List.copyOf(unreadableRoots);
    }

    /** Whether {@code root} was read: only then is a volume absent from it really gone. */
    public boolean read(Path root) {
        return !unreadableRoots.contains(root);
    }
}
