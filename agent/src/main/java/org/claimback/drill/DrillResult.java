package org.claimback.drill;

import java.nio.file.Path;
import java.time.Duration;
import org.claimback.catalog.ClaimRecord;
import org.claimback.catalog.SnapshotRecord;
import org.claimback.outcome.ExitCode;

/**
 * How one drill of one claim went.
 *
 * @param snapshot    the snapshot restored, or null when the claim had none to restore
 * @param runId       the {@code drill} run in the catalogue, or null when none was recorded
 *                    (no snapshot to restore, or the scratch directory could not be made)
 * @param state       {@code ok} (restored and verified), {@code failed}, or {@code interrupted} (stopped,
 *                    e.g. by the agent's shutdown, before it was verified)
 * @param files       regular files restored, or null when unknown
 * @param bytes       their bytes, or null when unknown
 * @param rto         the restore's duration as recorded on the run (the measured recovery time), or null
 * @param reason      why it failed, one line; null when ok
 * @param exitCode    OK, or the failure's exit code
 * @param scratchLeft the scratch copy when it could NOT be removed (remove it by hand), else null
 */
public record DrillResult(ClaimRecord claim, SnapshotRecord snapshot, Long runId, String state, Long files, Long bytes,
                          Duration rto, String reason, ExitCode exitCode, Path scratchLeft) {

    public static final String OK = "ok";
    public static final String FAILED = "failed";
    public static final String INTERRUPTED = "interrupted";

    public boolean ok() {
        return OK.equals(state);
    }

    /** The exit code to report: a scratch copy left behind makes even a verified drill exit 1. */
    public ExitCode reportedExitCode() {
        return scratchLeft == null ? exitCode : ExitCode.worst(exitCode, ExitCode.FAILED);
    }
}
