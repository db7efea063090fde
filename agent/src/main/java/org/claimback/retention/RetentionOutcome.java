package org.claimback.retention;

import org.claimback.catalog.ClaimRecord;

/**
 * How retention ended for one claim (or, with a null claim, for the catalogue copies).
 *
 * @param runId the {@code retention} run
 * @param state ok or failed
 * @param error the one-line reason when failed, else null
 * @param plan  the decisions carried out, or null when it failed before restic answered
 */
public record RetentionOutcome(ClaimRecord claim, long runId, String state, String error, ClaimPlan plan) {
    public boolean ok() {
        return "ok".equals(state);
    }
}
