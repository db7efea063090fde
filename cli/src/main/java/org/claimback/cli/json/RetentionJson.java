package org.claimback.cli.json;

import java.time.Instant;
import java.util.List;
import org.claimback.retention.ClaimPlan;
import org.claimback.retention.Decision;
import org.claimback.retention.Retention;
import org.claimback.retention.RetentionOutcome;

/**
 * {@code claimback retention --json}: per claim (claim null: the catalogue copies) the decision
 * on each snapshot; with {@code --all} also one entry per claim and dump name, whose {@code dump}
 * names the dump (null for volume snapshots and the catalogue copies), and one per offsite copy and claim, whose
 * {@code copy} names the copy (null in the repository itself; snapshot ids there are the repository's, as listed). With {@code dryRun} true nothing was forgotten and {@code runId} is null.
 * {@code state} is ok, failed, or "planned" for a dry run; {@code exitCode} is the command's.
 */
public record RetentionJson(boolean dryRun, List<Claim> claims, int exitCode) {

    public record Claim(String claim, String claimKey, String policy, Long runId, String state, String error,
                        List<SnapshotDecision> decisions, String dump, String copy) {

        public static Claim of(RetentionOutcome o) {
            return new Claim(o.claim() == null ? null : Retention.nameOf(o.claim()),
                    o.claim() == null ? null : o.claim().claimKey(),
                    o.plan() == null ? null : o.plan().policy().describe(), o.runId(), o.state(), o.error(),
                    o.plan() == null ? List.of() : decisions(o.plan()), o.dump(), o.copy());
        }

        public static Claim planned(ClaimPlan p) {
            return new Claim(p.claim() == null ? null : Retention.nameOf(p.claim()), p.claim() == null ? null : p.claim().claimKey(),
                    p.policy().describe(), null, "planned", null, decisions(p), null, null);
        }

        private static List<SnapshotDecision> decisions(ClaimPlan p) {
            return p.decisions().stream().map(SnapshotDecision::of).toList();
        }
    }

    /** {@code action}: keep or remove; {@code rule}: "restic" (the policy) or the rule that kept it. */
    public record SnapshotDecision(String snapshotId, String shortId, Instant time, String action, String reason, String rule) {
        static SnapshotDecision of(Decision d) {
            return new SnapshotDecision(d.snapshotId(), d.shortId(), d.time(), d.keep() ? "keep" : "remove", d.reason(), d.rule());
        }
    }
}
