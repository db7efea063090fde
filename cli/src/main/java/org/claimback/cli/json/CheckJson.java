package org.claimback.cli.json;

import org.claimback.catalog.RunRecord;

/**
 * {@code claimback check --json}: the {@code check} run. {@code problems} is null when the check
 * could not run ({@code error} says why); {@code detail} holds restic's error lines, one per line.
 */
public record CheckJson(long runId, String state, String readDataSubset, Long problems, String error, String detail,
                        int exitCode) {

    public static CheckJson of(RunRecord run, String subset, int exitCode) {
        return new CheckJson(run.id(), run.state(), subset, run.problems(), run.error(), run.detail(), exitCode);
    }
}
