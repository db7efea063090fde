package org.claimback.offsite;

import java.time.Instant;

/**
 * What copying into one offsite copy did.
 *
 * @param copy         the copy's {@code copies[].name}
 * @param repository   its repository string, redacted (no credentials)
 * @param runId        its run of kind {@code copy}
 * @param state        ok, failed or interrupted
 * @param error        why it did not end ok (one line), else null
 * @param created      true when this run created the copy repository
 * @param copied       snapshots {@code restic copy} saved in the copy in this run
 * @param alreadyThere this host's snapshots the copy held before (recorded or found there)
 * @param newest       the time of the newest snapshot the catalogue knows the copy holds, or null
 * @param unreachable  true when it failed because a repository's server could not be reached (worth a retry)
 */
public record CopyOutcome(String copy, String repository, long runId, String state, String error, boolean created,
                          int copied, int alreadyThere, Instant newest, boolean unreachable) {

    public CopyOutcome(String copy, String repository, long runId, String state, String error, boolean created,
            int copied, int alreadyThere, Instant newest) {
        this(copy, repository, runId, state, error, created, copied, alreadyThere, newest, false);
    }

    public boolean ok() {
        return "ok".equals(state);
    }
}
