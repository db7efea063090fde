package org.claimback.catalog;

import java.time.Instant;
import java.util.List;

/**
 * A run: one backup, restore, check or retention job.
 *
 * @param kind       one of {@link #KINDS}
 * @param claimId    the claim it was for, or null (e.g. a repository check)
 * @param volumeId   the volume it was for, or null
 * @param trigger    one of {@link #TRIGGERS}
 * @param endedAt    null while running
 * @param state      one of {@link #STATES}
 * @param error      a one-line reason when not ok, else null
 * @param snapshotId the restic snapshot id it made or used, or null
 * @param target     the directory a restore or drill wrote into, else null
 * @param files      regular files a restore or drill put there, else null
 * @param bytes      their bytes, else null
 * @param bytesAdded what a backup run added to the repository, else null
 * @param detail     more than one line about the run (retention's decisions, a check's findings), or null
 * @param problems   problems a repository check found (0: clean), else null
 * @param consistency how a backup run made its volume consistent (see {@link SnapshotRecord#consistency()}),
 *                   else null
 */
public record RunRecord(long id, String kind, Long claimId, Long volumeId, String host, String trigger,
                        Instant startedAt, Instant endedAt, String state, String error,
                        String snapshotId, String target, Long files, Long bytes, Long bytesAdded,
                        String detail, Long problems, String consistency) {

    /** A run as recorded before V006 (no consistency). */
    public RunRecord(long id, String kind, Long claimId, Long volumeId, String host, String trigger,
                     Instant startedAt, Instant endedAt, String state, String error,
                     String snapshotId, String target, Long files, Long bytes, Long bytesAdded,
                     String detail, Long problems) {
        this(id, kind, claimId, volumeId, host, trigger, startedAt, endedAt, state, error, snapshotId, target, files,
                bytes, bytesAdded, detail, problems, null);
    }

    /**
     * backup, restore, drill: one claim's; retention: one claim's restic forget (or the catalogue
     * copies'); check, prune: the whole repository's; catalog-backup: a copy of the catalogue;
     * copy: {@code restic copy} of new snapshots into one offsite copy ({@code target} holds its name).
     */
    public static final List<String> KINDS =
            List.of("backup", "restore", "check", "retention", "drill", "catalog-backup", "prune", "copy");

    /** A run as recorded before V005 (no added bytes, detail or problems). */
    public RunRecord(long id, String kind, Long claimId, Long volumeId, String host, String trigger,
                     Instant startedAt, Instant endedAt, String state, String error,
                     String snapshotId, String target, Long files, Long bytes) {
        this(id, kind, claimId, volumeId, host, trigger, startedAt, endedAt, state, error, snapshotId, target, files,
                bytes, null, null, null, null);
    }

    /** The run's duration, or null while it runs. */
    public java.time.Duration duration() {
        return endedAt == null ? null : java.time.Duration.between(startedAt, endedAt);
    }
    public static final List<String> TRIGGERS = List.of("cli", "schedule");
    /**
     * {@code skipped}: an empty volume with nothing before it; {@code skipped-unchanged}: the
     * volume's fingerprint matched its last good backup, no restic ran, {@code snapshotId} names the
     * snapshot that still covers it; {@code suspicious}: the shrink guard fired (see
     * {@link ShrinkRecord}).
     */
    public static final List<String> STATES =
            List.of("running", "ok", "partial", "failed", "interrupted", "skipped", "skipped-unchanged", "suspicious");
}
