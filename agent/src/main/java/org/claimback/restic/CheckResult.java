package org.claimback.restic;

import java.util.List;

/**
 * What {@code restic check} found.
 *
 * @param problems how many errors restic reported (0: the repository is sound as far as checked)
 * @param errors   restic's error lines, at most {@link Restic#MAX_WARNINGS} and a count of the rest
 * @param readDataSubset the {@code n/N} subset of pack files read, or null when none were read
 */
public record CheckResult(long problems, List<String> errors, String readDataSubset) {

    public CheckResult {
        errors = List.copyOf(errors);
    }

    public boolean clean() {
        return problems == 0;
    }
}
