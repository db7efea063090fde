package org.claimback.restic;

import java.time.Instant;
import java.util.List;

/**
 * One entry of {@code restic snapshots --json}. Other fields restic adds later
 * ({@code program_version}, ...) are ignored.
 *
 * @param parent the parent snapshot's full id, {@code null} for the first backup of a path set
 * @param tags empty when the snapshot has none
 * @param summary what the backup counted (restic 0.17+), or {@code null} when restic printed none
 */
public record Snapshot(String id, String shortId, Instant time, String parent, String tree, List<String> paths,
        String hostname, String username, List<String> tags, SnapshotSummary summary) {

    public Snapshot {
        paths = List.copyOf(paths);
        tags = List.copyOf(tags);
    }

    /** A snapshot without a summary (restic before 0.17). */
    public Snapshot(String id, String shortId, Instant time, String parent, String tree, List<String> paths,
            String hostname, String username, List<String> tags) {
        this(id, shortId, time, parent, tree, paths, hostname, username, tags, null);
    }
}
