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
 * @param original for a snapshot made by {@code restic copy}: the full id of the snapshot it was copied
 *     from (every version since 0.14 writes it); {@code null} for a snapshot made by a backup
 */
public record Snapshot(String id, String shortId, Instant time, String parent, String tree, List<String> paths,
        String hostname, String username, List<String> tags, SnapshotSummary summary, String original) {

    public Snapshot {
        paths = List.copyOf(paths);
        tags = List.copyOf(tags);
    }

    /** A snapshot that was not copied from another repository. */
    public Snapshot(String id, String shortId, Instant time, String parent, String tree, List<String> paths,
            String hostname, String username, List<String> tags, SnapshotSummary summary) {
        this(id, shortId, time, parent, tree, paths, hostname, username, tags, summary, null);
    }

    /**
     * This copied snapshot as the repository it was copied from knows it: its {@link #original}
     * id (and short id) in place of its own; itself when it is no copy.
     */
    public Snapshot asOriginal() {
        if (original == null || original.isEmpty()) {
            return this;
        }
        return new Snapshot(original, original.substring(0, Math.min(8, original.length())), time, parent, tree, paths,
                hostname, username, tags, summary, original);
    }

    /** A snapshot without a summary (restic before 0.17). */
    public Snapshot(String id, String shortId, Instant time, String parent, String tree, List<String> paths,
            String hostname, String username, List<String> tags) {
        this(id, shortId, time, parent, tree, paths, hostname, username, tags, null, null);
    }
}
