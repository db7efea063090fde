package org.claimback.retention;

import java.time.Instant;

/**
 * What retention does with one snapshot, and why.
 *
 * @param snapshotId the restic id (full where restic gives it)
 * @param shortId    its first 8 characters
 * @param keep       true: the snapshot stays; false: it is forgotten
 * @param reason     a readable reason: restic's ("daily snapshot"), a rule's, or why restic's
 *                   policy lets it go
 * @param rule       the rule that decided ("restic" for the policy itself, else a rule's name)
 */
public record Decision(String snapshotId, String shortId, Instant time, boolean keep, String reason, String rule) {

    /** e.g. {@code keep 1a2b3c4d: daily snapshot (restic)}: one line of the run's detail. */
    public String line() {
        return (keep ? "keep " : "remove ") + shortId + ": " + reason + " (" + (rule.equals("restic") ? "restic" : "rule " + rule) + ")";
    }
}
