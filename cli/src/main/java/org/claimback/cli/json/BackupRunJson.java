package org.claimback.cli.json;

import java.util.List;
import org.claimback.backup.VolumeBackup;

/**
 * {@code claimback backup --json}: one entry per volume backed up, and the exit code of the whole
 * command. {@code state} is ok, partial, skipped (an empty volume with nothing before it),
 * skipped-unchanged (no restic ran; {@code snapshot} is the snapshot that still covers the volume),
 * suspicious (the shrink guard fired; {@code snapshot} is the suspicious one, null for an empty
 * volume), failed or interrupted; {@code snapshot} is null when none was made or used.
 * {@code error} is the one-line reason when not ok, and why for the skipped states.
 */
public record BackupRunJson(List<Result> results, int exitCode) {

    public record Result(
            String claimKey,
            String namespace,
            String name,
            String volume,
            long runId,
            String state,
            SnapshotJson snapshot,
            String error,
            List<String> warnings,
            double durationSeconds) {

        public static Result of(VolumeBackup b) {
            return new Result(b.claim().claimKey(), b.claim().namespace(), b.claim().name(), b.volume().path(),
                    b.runId(), b.state(), b.snapshot() == null ? null : SnapshotJson.of(b.snapshot()), b.error(),
                    b.warnings(), b.duration().toMillis() / 1000.0);
        }
    }
}
