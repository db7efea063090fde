package org.claimback.retention;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.claimback.catalog.ClaimRecord;
import org.claimback.catalog.ShrinkRecord;
import org.claimback.config.RepositoryConfig;
import org.claimback.config.RetentionPolicy;
import org.claimback.engine.Engine;
import org.claimback.locks.RepositoryGate;
import org.claimback.outcome.Failures;
import org.claimback.repository.StaleLocks;
import org.claimback.restic.ForgetPlan;
import org.claimback.restic.Restic;
import org.claimback.restic.Snapshot;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Retention in the offsite copies, so that they do not keep growing: each claim's own policy,
 * applied in each copy exactly as {@link Retention} applies it in the repository ({@code forget
 * --dry-run} limited to the claim's tags and this host, each removal vetted by the same
 * {@link Rules}, judged through the catalogue by each copy snapshot's {@code original} id), then
 * the remaining removals forgotten by their ids in the copy and their copy records deleted. One
 * {@code retention} run per copy and claim; a failure in one never stops the others. Whatever the
 * catalogue does not know in a copy stays ({@code keep-unknown}).
 */
public final class CopyRetention {
    private static final Logger LOG = LoggerFactory.getLogger(CopyRetention.class);

    private final Engine engine;

    private CopyRetention(Engine engine) {
        this.engine = engine;
    }

    public static CopyRetention of(Engine engine) {
        return new CopyRetention(engine);
    }

    /** Each copy in turn, each claim in turn; stops early when claimback is stopping. */
    public List<RetentionOutcome> applyAll(List<ClaimRecord> claims, String trigger) {
        List<RetentionOutcome> outcomes = new ArrayList<>();
        for (RepositoryConfig copy : engine.config().copies()) {
            Restic restic = engine.copyRestic(copy.name());
            StaleLocks locks = new StaleLocks(restic, engine.config().agent().lockWait());
            for (ClaimRecord claim : claims) {
                if (engine.stopSignal().stopping() || Thread.currentThread().isInterrupted()) {
                    return outcomes;
                }
                outcomes.add(applyOne(copy.name(), restic, locks, claim, trigger));
            }
        }
        return outcomes;
    }

    private RetentionOutcome applyOne(String copy, Restic restic, StaleLocks locks, ClaimRecord claim, String trigger) {
        String what = "retention of " + Retention.nameOf(claim) + " in copy " + copy;
        long runId = engine.catalog().startRun("retention", claim.id(), null, engine.config().host(), trigger, now());
        try (RepositoryGate.Permit ignored = engine.repositoryGate().exclusive(what)) {
            RetentionPolicy policy = engine.claimSchedules().retention(claim);
            ForgetPlan plan = locks.around(what, () -> restic.forgetPlan(engine.config().host(), Retention.tagsOf(claim),
                    policy.resticOptions()));
            ClaimPlan decided = decide(copy, claim, policy, plan);
            List<String> copyIds = new ArrayList<>();
            for (ForgetPlan.Planned p : plan.remove()) {
                Snapshot original = p.snapshot().asOriginal();
                if (decided.removals().stream().anyMatch(d -> d.snapshotId().equals(original.id()))) {
                    copyIds.add(p.snapshot().id());
                }
            }
            locks.around(what, () -> {
                restic.forget(copyIds);
                return null;
            });
            engine.catalog().deleteCopies(copy, copyIds);
            LOG.info("{} ({}): {} kept, {} forgotten", what, policy.describe(), decided.decisions().size() - copyIds.size(),
                    copyIds.size());
            engine.catalog().recordRunDetail(runId, "in copy " + copy + "\n" + decided.detail());
            engine.catalog().finishRun(runId, "ok", null, null, now());
            return new RetentionOutcome(claim, runId, "ok", null, decided, null, copy);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return failed(runId, claim, copy, what + " was stopped before it began");
        } catch (RuntimeException e) {
            return failed(runId, claim, copy, what + " failed: " + Failures.message(e));
        }
    }

    /**
     * restic's plan in the copy, each removal judged by the rules as the primary snapshot it was
     * copied from. One the catalogue knew (a copy record names it) but whose snapshot row retention
     * in the repository has since deleted was judged there already: only the other rules apply.
     */
    private ClaimPlan decide(String copy, ClaimRecord claim, RetentionPolicy policy, ForgetPlan plan) {
        List<Snapshot> listed = new ArrayList<>();
        plan.keep().forEach(p -> listed.add(p.snapshot().asOriginal()));
        plan.remove().forEach(p -> listed.add(p.snapshot().asOriginal()));
        Optional<Instant> shrinkAt = engine.catalog().pendingShrinks(claim.id()).stream()
                .map(ShrinkRecord::detectedAt).min(Comparator.naturalOrder());
        ClaimFacts facts = ClaimFacts.of(Retention.nameOf(claim), listed, engine.catalog().snapshotsOf(claim.id()), shrinkAt);
        List<Decision> decisions = new ArrayList<>();
        for (ForgetPlan.Planned kept : plan.keep()) {
            Snapshot s = kept.snapshot().asOriginal();
            decisions.add(new Decision(s.id(), s.shortId(), s.time(), true,
                    kept.reasons().isEmpty() ? "kept by the policy" : String.join(", ", kept.reasons()), "restic"));
        }
        java.util.Set<String> recorded = new java.util.HashSet<>();
        engine.catalog().copiesIn(copy).forEach(c -> recorded.add(c.copyResticId()));
        for (ForgetPlan.Planned removed : plan.remove()) {
            Snapshot s = removed.snapshot().asOriginal();
            boolean forgottenInRepository = !facts.catalogued().containsKey(s.shortId()) && recorded.contains(removed.snapshot().id());
            decisions.add(forgottenInRepository ? judgeForgotten(s, facts, policy) : Retention.judge(s, facts, policy));
        }
        decisions.sort(Comparator.comparing(Decision::time));
        return new ClaimPlan(claim, policy, decisions);
    }

    /** A removal of a snapshot retention already forgot in the repository: every rule but keep-unknown. */
    private static Decision judgeForgotten(Snapshot s, ClaimFacts facts, RetentionPolicy policy) {
        for (RetentionRule rule : Rules.ALL) {
            Optional<String> keep = rule instanceof Rules.KeepUnknown ? Optional.empty() : rule.keep(s, facts);
            if (keep.isPresent()) {
                return new Decision(s.id(), s.shortId(), s.time(), true, keep.get(), rule.name());
            }
        }
        return new Decision(s.id(), s.shortId(), s.time(), false, "already forgotten in the repository, not kept by the"
                + " policy (" + policy.describe() + ")", "restic");
    }

    private RetentionOutcome failed(long runId, ClaimRecord claim, String copy, String message) {
        LOG.error(message);
        engine.catalog().finishRun(runId, "failed", message, null, now());
        engine.notifier().publish(new org.claimback.notify.Notification("failure", org.claimback.notify.Notification.RUN,
                "retention", Retention.nameOf(claim), "failed", message, runId, now()));
        return new RetentionOutcome(claim, runId, "failed", message, null, null, copy);
    }

    private Instant now() {
        return engine.clock().instant();
    }
}
