package org.claimback.backup;

import java.time.Duration;
import java.util.List;
import org.claimback.catalog.ClaimRecord;
import org.claimback.catalog.SnapshotRecord;
import org.claimback.catalog.VolumeRecord;
import org.claimback.outcome.ExitCode;

/**
 * What happened to one volume in a backup: {@code state} is {@code ok}, {@code partial},
 * {@code skipped} (empty volume), {@code failed} or {@code interrupted}; {@code snapshot} is set
 * when one was made; {@code error} is one line when not ok.
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
            case RunStates.OK, RunStates.SKIPPED -> ExitCode.OK;
            case RunStates.PARTIAL -> ExitCode.PARTIAL;
            default -> ExitCode.FAILED;
        };
    }
}
