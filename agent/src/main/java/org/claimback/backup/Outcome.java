package org.claimback.backup;

import java.util.List;
import org.claimback.catalog.SnapshotRecord;

/**
 * How one volume's backup ended, before its run is finished in the catalogue.
 *
 * @param state    one of {@link RunStates}
 * @param error    the reason when not plain ok, else null
 * @param snapshot the snapshot made or still covering the volume, or null
 * @param warnings restic's warnings (unreadable files)
 */
record Outcome(String state, String error, SnapshotRecord snapshot, List<String> warnings) {
    Outcome {
        warnings = List.copyOf(warnings);
    }

    static Outcome failed(String state, String error) {
        return new Outcome(state, error, null, List.of());
    }

    /**
     * How a volume ends when {@code state} (failed or interrupted) cuts it short; {@code sofar} is
     * what it had reached (null: nothing yet), whose snapshot is kept.
     */
    static Outcome endedBy(Outcome sofar, String state, String error) {
        if (sofar == null) {
            return failed(state, error);
        }
        return new Outcome(state, sofar.error() == null ? error : sofar.error() + "; " + error, sofar.snapshot(), sofar.warnings());
    }

    /** Problems that make an ok backup partial (a database taken live, a before-hook that failed but let it go on). */
    Outcome withProblems(List<String> problems) {
        if (problems.isEmpty()) {
            return this;
        }
        String text = String.join("; ", problems);
        String newState = RunStates.OK.equals(state) ? RunStates.PARTIAL : state;
        return new Outcome(newState, error == null ? text : error + "; " + text, snapshot, warnings);
    }

    /** A failure after the data was handled (a dump, an after-hook): the run fails, its snapshot stays. */
    Outcome failedBy(String reason) {
        String newState = RunStates.INTERRUPTED.equals(state) ? state : RunStates.FAILED;
        return new Outcome(newState, error == null ? reason : error + "; " + reason, snapshot, warnings);
    }
}
