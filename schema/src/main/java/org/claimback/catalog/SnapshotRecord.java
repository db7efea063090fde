package org.claimback.catalog;

import java.time.Instant;
import java.util.List;

/**
 * A restic snapshot of one volume. {@code id} is 0 until the record is stored.
 *
 * @param resticId   the id restic reported: the full id, or the 8-character short id on restic 0.14
 * @param shortId    the first 8 characters of the id
 * @param volumeId   the volume it was taken of, or null when not known (e.g. rebuilt from tags)
 * @param runId      the run that made it, or null (e.g. rebuilt from the repository)
 * @param sourcePath the absolute path restic recorded
 * @param tags       restic's tags, in restic's order
 * @param partial    true when restic saved it but could not read some files (exit code 3)
 * @param suspicious true when the shrink guard flagged it: never restored unless asked for
 * @param totalsKnown false when filesTotal/bytesTotal are unknown (rebuilt from a repository
 *                   whose restic did not record a summary): count with {@code restic ls} instead
 * @param consistency how the snapshot was made consistent: methods joined with {@code +}, each one
 *                   of {@code fs-snapshot}, {@code sqlite-online-backup}, {@code hook}, {@code none};
 *                   null when not known (taken before claimback recorded it)
 */
public record SnapshotRecord(long id, String resticId, String shortId, long claimId, Long volumeId,
                             Long runId, Instant time, String host, String sourcePath, List<String> tags,
                             boolean partial, long filesNew, long filesChanged, long filesUnmodified,
                             long filesTotal, long bytesTotal, long bytesAdded, boolean suspicious,
                             boolean totalsKnown, String consistency) {

    public SnapshotRecord {
        tags = List.copyOf(tags);
    }

    /** A snapshot whose consistency is not known. */
    public SnapshotRecord(long id, String resticId, String shortId, long claimId, Long volumeId,
                          Long runId, Instant time, String host, String sourcePath, List<String> tags,
                          boolean partial, long filesNew, long filesChanged, long filesUnmodified,
                          long filesTotal, long bytesTotal, long bytesAdded, boolean suspicious,
                          boolean totalsKnown) {
        this(id, resticId, shortId, claimId, volumeId, runId, time, host, sourcePath, tags, partial, filesNew,
                filesChanged, filesUnmodified, filesTotal, bytesTotal, bytesAdded, suspicious, totalsKnown, null);
    }

    /** The same snapshot, made consistent by {@code method}. */
    public SnapshotRecord withConsistency(String method) {
        return new SnapshotRecord(id, resticId, shortId, claimId, volumeId, runId, time, host, sourcePath, tags, partial,
                filesNew, filesChanged, filesUnmodified, filesTotal, bytesTotal, bytesAdded, suspicious, totalsKnown, method);
    }

    /** A snapshot with known totals that is not suspicious: what a backup records. */
    public SnapshotRecord(long id, String resticId, String shortId, long claimId, Long volumeId,
                          Long runId, Instant time, String host, String sourcePath, List<String> tags,
                          boolean partial, long filesNew, long filesChanged, long filesUnmodified,
                          long filesTotal, long bytesTotal, long bytesAdded) {
        this(id, resticId, shortId, claimId, volumeId, runId, time, host, sourcePath, tags, partial, filesNew,
                filesChanged, filesUnmodified, filesTotal, bytesTotal, bytesAdded, false, true, null);
    }
}
