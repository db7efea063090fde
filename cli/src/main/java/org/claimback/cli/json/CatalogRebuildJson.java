package org.claimback.cli.json;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.claimback.catalogcopy.MergeCounts;
import org.claimback.catalogcopy.RebuildResult;

/**
 * {@code claimback catalog rebuild --json}. {@code copy} is the catalogue copy used, or null with
 * {@code copyNote} saying why none was; {@code added}/{@code dropped} what the repository's tags
 * added and which forgotten snapshots were removed; {@code movedAside} where the previous file and
 * its -wal/-shm went (empty when there was none); {@code claims}/{@code volumes}/{@code snapshots}
 * the catalogue afterwards; {@code warnings} what the sync after it reported.
 */
public record CatalogRebuildJson(
        String catalog,
        Copy copy,
        String copyNote,
        Added added,
        int snapshotsDropped,
        int snapshotIdsCompleted,
        int runsInterrupted,
        int otherHostSnapshots,
        int unusableSnapshots,
        List<String> movedAside,
        int claims,
        int volumes,
        int snapshots,
        List<String> warnings) {

    public record Copy(String snapshotId, String shortId, Instant time, Integer schemaVersion) {}

    public record Added(int claims, int volumes, int snapshots, int mappings) {}

    public static CatalogRebuildJson of(RebuildResult r) {
        MergeCounts m = r.merged();
        Copy copy = r.copy() == null ? null
                : new Copy(r.copy().snapshotId(), r.copy().shortId(), r.copy().time(), r.copy().schemaVersion());
        return new CatalogRebuildJson(r.catalog().toString(), copy, r.copyNote(),
                new Added(m.claimsAdded(), m.volumesAdded(), m.snapshotsAdded(), m.mappingsFromTags()), m.snapshotsDropped(),
                m.idsCompleted(), r.runsInterrupted(), r.otherHostSnapshots(), m.snapshotsUnusable(),
                r.movedAside().stream().map(Path::toString).toList(), r.claims(), r.volumes(), r.snapshots(), r.problems());
    }
}
