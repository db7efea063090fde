package org.claimback.backup;

import java.time.Duration;
import java.util.List;
import org.claimback.catalog.ClaimRecord;
import org.claimback.catalog.SnapshotRecord;
import org.claimback.catalog.VolumeRecord;
import org.claimback.outcome.ExitCode;

/**
 * What happened to one volume in a backup: {@code state} is one of {@link RunStates} ({@code ok},
 * {@code partial}, {@code skipped} (empty volume, nothing before it), {@code skipped-unchanged},
 * {@code suspicious}, {@code failed} or {@code interrupted}); {@code snapshot} is the snapshot made,
 * or for {@code skipped-unchanged} the one that still covers the volume; {@code error} is one line
 * when not ok (for the skipped states: why it was skipped).
 *
 * <p>Exit codes: ok and both skipped states 0; partial 3; suspicious 1 (failed), so scripts and
 * monitoring notice a shrink as they notice a failure; failed and interrupted 1.
 */
public record VolumeBackup(
        ClaimRecord claim,
        VolumeRecord volume,
        long runId,
        String state,
        SnapshotRecord snapshot,
        String error,
        List<String> warnings,
        Duration duration) {

    public ExitCode exitCode() {
        return switch (state) {
            case RunStates.OK, RunStates.SKIPPED, RunStates.SKIPPED_UNCHANGED -> ExitCode.OK;
            case RunStates.PARTIAL -> ExitCode.PARTIAL;
            default -> ExitCode.FAILED;
        };
    }
}
