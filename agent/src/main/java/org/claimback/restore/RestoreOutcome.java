package org.claimback.restore;

import java.time.Duration;
import org.claimback.outcome.ExitCode;
import org.claimback.outcome.Failures;

/**
 * How one planned restore ended: restored ({@code result}), failed ({@code failure}), or skipped
 * at planning ({@link PlannedRestore#skip()}). A skipped claim counts as failed: it was not restored.
 *
 * @param duration how long the attempt took (zero when skipped)
 */
public record RestoreOutcome(PlannedRestore planned, RestoredClaim result, RuntimeException failure, Duration duration) {

    /** {@code ok}, {@code partial} (a partial snapshot, restored but not checked against its totals), {@code failed}, {@code skipped}. */
    public String state() {
        if (planned.skipped()) {
            return "skipped";
        }
        if (result == null) {
            return "failed";
        }
        return result.checkedAgainstSnapshot() ? "ok" : "partial";
    }

    public ExitCode exitCode() {
        return switch (state()) {
            case "ok" -> ExitCode.OK;
            case "partial" -> ExitCode.PARTIAL;
            case "skipped" -> ExitCode.FAILED;
            default -> Failures.exitCode(failure);
        };
    }

    /** The one-line reason when not ok, else null. */
    public String error() {
        if (planned.skipped()) {
            return Failures.message(planned.skip());
        }
        if (failure != null) {
            return Failures.message(failure);
        }
        return result.checkedAgainstSnapshot() ? null : "snapshot " + result.snapshot().shortId() + " is partial (restic"
                + " could not read some files when it was taken): restored, but not checked against its totals";
    }
}
