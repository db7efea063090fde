package org.claimback.cli.json;

import java.time.Instant;
import java.util.List;
import org.claimback.catalog.SnapshotRecord;

/**
 * One restic snapshot of a claim. {@code id} is what restic reported (the full id, or the short
 * id on restic 0.14); {@code partial} is true when restic could not read some files;
 * {@code consistency} says how the volume was made consistent (fs-snapshot, sqlite-online-backup,
 * hook, none, joined with '+'), null for snapshots taken before claimback recorded it;
 * {@code copies} names the offsite copies ({@code copies[].name}) holding it, by name, empty when
 * none does (filled in by {@code backups CLAIM}; null where it was not looked up).
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
        String consistency,
        List<String> copies) {

    /** The snapshot, its copies not looked up ({@code copies} null). */
    public static SnapshotJson of(SnapshotRecord s) {
        return of(s, null);
    }

    /** The snapshot and the names of the offsite copies holding it. */
    public static SnapshotJson of(SnapshotRecord s, List<String> copies) {
        return new SnapshotJson(s.resticId(), s.shortId(), s.time(), s.host(), s.sourcePath(), s.tags(), s.partial(),
                s.filesTotal(), s.bytesTotal(), s.bytesAdded(), s.consistency(), copies == null ? null : List.copyOf(copies));
    }
}
