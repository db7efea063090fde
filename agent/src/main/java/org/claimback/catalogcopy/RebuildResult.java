package org.claimback.catalogcopy;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

/**
 * What {@code claimback catalog rebuild} did.
 *
 * @param catalog           the catalogue file now in place
 * @param copy              the catalogue copy it started from, or null (see {@code copyNote})
 * @param copyNote          why no copy was used, else null
 * @param merged            what the snapshot tags added and what the repository had forgotten
 * @param runsInterrupted   runs left {@code running} in the copy, now {@code interrupted}
 * @param otherHostSnapshots claimback snapshots and copies of other hosts, left out
 * @param movedAside        where the previous catalogue (and its -wal/-shm) went; empty if there was none
 * @param claims            claims in the catalogue afterwards (after one sync of the exports)
 * @param volumes           volumes afterwards
 * @param snapshots         snapshots afterwards
 * @param problems          what the sync afterwards reported (readable lines), maybe empty
 */
public record RebuildResult(Path catalog, CopyUsed copy, String copyNote, MergeCounts merged, int runsInterrupted,
        int otherHostSnapshots, List<Path> movedAside, int claims, int volumes, int snapshots, List<String> problems) {

    public RebuildResult {
        movedAside = List.copyOf(movedAside);
        problems = List.copyOf(problems);
    }

    /** The catalogue copy a rebuild started from; {@code schemaVersion} as tagged, or null. */
    public record CopyUsed(String snapshotId, String shortId, Instant time, Integer schemaVersion) {}
}
