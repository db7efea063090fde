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
 */
public record RunRecord(long id, String kind, Long claimId, Long volumeId, String host, String trigger,
                        Instant startedAt, Instant endedAt, String state, String error,
                        String snapshotId, String target, Long files, Long bytes) {

    public static final List<String> KINDS = List.of("backup", "restore", "check", "retention", "drill", "catalog-backup");

    /** The run's duration, or null while it runs. */
    public java.time.Duration duration() {
        return endedAt == null ? null : java.time.Duration.between(startedAt, endedAt);
    }
    public static final List<String> TRIGGERS = List.of("cli", "schedule");
    public static final List<String> STATES = List.of("running", "ok", "partial", "failed", "interrupted", "skipped");
}
