package org.claimback.cli.json;

import java.time.Instant;
import java.util.List;
import org.claimback.catalog.SnapshotRecord;

/**
 * One restic snapshot of a claim. {@code id} is what restic reported (the full id, or the short
 * id on restic 0.14); {@code partial} is true when restic could not read some files;
 * {@code consistency} says how the volume was made consistent (fs-snapshot, sqlite-online-backup,
 * hook, none, joined with '+'), null for snapshots taken before claimback recorded it.
 */
public record SnapshotJson(
        String id,
        String shortId,
        Instant time,
        String host,
        String path,
        List<String> tags,
        boolean partial,
        long files,
        long bytes,
        long bytesAdded,
        String consistency) {

    public static SnapshotJson of(SnapshotRecord s) {
        return new SnapshotJson(s.resticId(), s.shortId(), s.time(), s.host(), s.sourcePath(), s.tags(), s.partial(),
                s.filesTotal(), s.bytesTotal(), s.bytesAdded(), s.consistency());
    }
}
