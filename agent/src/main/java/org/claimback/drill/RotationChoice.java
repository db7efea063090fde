package org.claimback.drill;

import org.claimback.catalog.ClaimRecord;
import org.claimback.catalog.RunRecord;

/**
 * The claim the next scheduled drill takes, and why.
 *
 * @param lastDrill its newest drill run, or null when never drilled
 * @param reason    a readable reason, for the log
 */
public record RotationChoice(ClaimRecord claim, RunRecord lastDrill, String reason) {}
