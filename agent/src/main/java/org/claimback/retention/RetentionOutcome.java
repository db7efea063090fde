package org.claimback.retention;

import org.claimback.catalog.ClaimRecord;

/**
 * How retention ended for one claim (or, with a null claim, for the catalogue copies), or for one
 * of a claim's streamed dumps.
 *
 * @param runId the {@code retention} run
 * @param state ok or failed
 * @param error the one-line reason when failed, else null
 * @param plan  the decisions carried out, or null when it failed before restic answered
 * @param dump  the name of the claim's dump whose snapshots these were, or null for its volume snapshots
 * @param copy  the offsite copy ({@code copies[].name}) where this was applied, or null for the primary repository
 */
public record RetentionOutcome(ClaimRecord claim, long runId, String state, String error, ClaimPlan plan, String dump,
        String copy) {

    /** An outcome in the primary repository. */
    public RetentionOutcome(ClaimRecord claim, long runId, String state, String error, ClaimPlan plan, String dump) {
        this(claim, runId, state, error, plan, dump, null);
    }

    /** The outcome for a claim's volume snapshots (or the catalogue copies). */
    public RetentionOutcome(ClaimRecord claim, long runId, String state, String error, ClaimPlan plan) {
        this(claim, runId, state, error, plan, null);
    }

    public boolean ok() {
        return "ok".equals(state);
    }
}
