package org.claimback.restic;

import java.util.List;

/**
 * Which snapshots {@code restic snapshots} lists; the filter runs inside restic.
 *
 * @param tags all must be on the snapshot (passed as one {@code --tag a,b}); empty: any tags
 * @param host {@code --host}, or {@code null} for any host
 * @param paths {@code --path} each (absolute): the snapshot must contain all of them
 */
public record SnapshotFilter(List<String> tags, String host, List<String> paths) {

    /** Every snapshot in the repository. */
    public static final SnapshotFilter ALL = new SnapshotFilter(List.of(), null, List.of());

    public SnapshotFilter {
        tags = Arguments.tags(tags);
        host = host == null ? null : Arguments.requireValue("host", host);
        paths = paths == null ? List.of() : paths.stream().map(p -> Arguments.requireValue("a path", p)).toList();
    }

    /** Snapshots carrying all of {@code tags}, from any host. */
    public static SnapshotFilter tagged(String... tags) {
        return new SnapshotFilter(List.of(tags), null, List.of());
    }
}
