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
 */
public record RunRecord(long id, String kind, Long claimId, Long volumeId, String host, String trigger,
                        Instant startedAt, Instant endedAt, String state, String error,
                        String snapshotId) {

    public static final List<String> KINDS = List.of("backup", "restore", "check", "retention");
    public static final List<String> TRIGGERS = List.of("cli", "schedule");
    public static final List<String> STATES = List.of("running", "ok", "partial", "failed", "interrupted", "skipped");
}
