package org.claimback.restic;

import java.time.Instant;
import java.util.List;

/**
 * One entry of {@code restic snapshots --json}. Fields restic adds later (the {@code summary}
 * of 0.17+, {@code program_version}, ...) are ignored.
 *
 * @param parent the parent snapshot's full id, {@code null} for the first backup of a path set
 * @param tags empty when the snapshot has none
 */
public record Snapshot(String id, String shortId, Instant time, String parent, String tree, List<String> paths,
        String hostname, String username, List<String> tags) {

    public Snapshot {
        paths = List.copyOf(paths);
        tags = List.copyOf(tags);
    }
}
