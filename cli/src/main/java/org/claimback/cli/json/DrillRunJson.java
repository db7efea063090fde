package org.claimback.cli.json;

import java.util.List;
import org.claimback.drill.DrillResult;

/**
 * {@code claimback drill --json}: one entry per claim drilled, in the order drilled, and the exit
 * code of the whole command (the worst of the entries). {@code state} is ok (restored and
 * verified), failed or interrupted; {@code snapshot} is null when the claim had none to restore,
 * and then {@code runId} is null too (no run is recorded). {@code rtoSeconds} is the restore's
 * duration as recorded on the run (the measured recovery time), null when no restore ran.
 * {@code scratchLeft} is the scratch copy that could not be removed (remove it by hand), else null.
 */
public record DrillRunJson(List<Result> results, int exitCode) {

    public record Result(
            String claimKey,
            String namespace,
            String name,
            Long runId,
            String state,
            SnapshotJson snapshot,
            Long files,
            Long bytes,
            Double rtoSeconds,
            String reason,
            String scratchLeft) {

        public static Result of(DrillResult d) {
            return new Result(d.claim().claimKey(), d.claim().namespace(), d.claim().name(), d.runId(), d.state(),
                    d.snapshot() == null ? null : SnapshotJson.of(d.snapshot()), d.files(), d.bytes(),
                    d.rto() == null ? null : d.rto().toMillis() / 1000.0, d.reason(),
                    d.scratchLeft() == null ? null : d.scratchLeft().toString());
        }
    }
}
