package org.claimback.retention;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.claimback.backup.SnapshotTags;
import org.claimback.catalog.ClaimRecord;
import org.claimback.catalog.ShrinkRecord;
import org.claimback.catalog.SnapshotRecord;
import org.claimback.catalogcopy.CatalogTags;
import org.claimback.config.RetentionPolicy;
import org.claimback.engine.Engine;
import org.claimback.locks.RepositoryGate;
import org.claimback.notify.Notification;
import org.claimback.outcome.ExitCode;
import org.claimback.outcome.Failures;
import org.claimback.repository.StaleLocks;
import org.claimback.restic.ForgetPlan;
import org.claimback.restic.ResticException;
import org.claimback.restic.Snapshot;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * restic forget for every claim with snapshots, one at a time, by each claim's policy.
 *
 * <p>For a claim, restic is asked what its policy would remove ({@code forget --dry-run --json},
 * limited to the claim's tags and this host, grouped by host only since a claim's snapshots span
 * several volume paths across rebuilds). Each removal then passes the {@link Rules}: any rule may
 * keep it, with a reason. What remains is forgotten by id and its catalogue rows deleted. Each
 * claim passes the repository gate alone, so backups can run between claims; a failure of one
 * claim never stops the others.
 */
public final class Retention {
    private static final Logger LOG = LoggerFactory.getLogger(Retention.class);

    private final Engine engine;
    private final StaleLocks locks;

    private Retention(Engine engine) {
        this.engine = engine;
        this.locks = new StaleLocks(engine.restic(), engine.config().agent().lockWait());
    }

    public static Retention of(Engine engine) {
        return new Retention(engine);
    }

    /** Applies retention to every claim (and the catalogue copies); returns the worst outcome. */
    public ExitCode runAll(String trigger) {
        return worst(runAllOutcomes(trigger));
    }

    /**
     * {@link #runAll} with each claim's outcome, then each claim's dumps' ({@link DumpRetention}), then each claim's in
     * every offsite copy ({@link CopyRetention}), the catalogue copies' last.
     */
    public List<RetentionOutcome> runAllOutcomes(String trigger) {
        List<RetentionOutcome> outcomes = new ArrayList<>(applyAll(withSnapshots(), trigger));
        if (!stopping() && !engine.catalog().dumpsToForget().isEmpty()) {
            // failed dumps a backup could not forget in time (the repository was busy)
            engine.consistency().dumps().forgetFailed(engine.repositoryGate(), engine.config().agent().lockWait());
        }
        outcomes.addAll(DumpRetention.of(engine).applyAll(trigger));
        if (!stopping()) {
            outcomes.addAll(CopyRetention.of(engine).applyAll(withSnapshots(), trigger));
        }
        if (!stopping()) {
            outcomes.add(catalogCopiesOutcome(trigger));
        }
        return outcomes;
    }

    /** The claims with snapshots in the catalogue: those retention looks at. */
    public List<ClaimRecord> withSnapshots() {
        return engine.catalog().claims().stream().filter(c -> !engine.catalog().snapshotsOf(c.id()).isEmpty())
                .sorted(Comparator.comparing(ClaimRecord::claimKey)).toList();
    }

    /** Applies retention to these claims, one at a time; returns the worst outcome. */
    public ExitCode apply(List<ClaimRecord> claims, String trigger) {
        List<RetentionOutcome> outcomes = applyAll(claims, trigger);
        return outcomes.size() < claims.size() ? ExitCode.FAILED : worst(outcomes);
    }

    /** Each claim's outcome; stops early (fewer outcomes than claims) when claimback is stopping. */
    public List<RetentionOutcome> applyAll(List<ClaimRecord> claims, String trigger) {
        List<RetentionOutcome> outcomes = new ArrayList<>();
        for (ClaimRecord claim : claims) {
            if (stopping()) {
                LOG.info("retention stops before {}: claimback is stopping", nameOf(claim));
                break;
            }
            outcomes.add(applyOne(claim, trigger));
        }
        return outcomes;
    }

    public static ExitCode worst(List<RetentionOutcome> outcomes) {
        return outcomes.stream().allMatch(RetentionOutcome::ok) ? ExitCode.OK : ExitCode.FAILED;
    }

    /**
     * What retention would do to one claim, changing nothing (restic's dry run takes the
     * repository's exclusive lock, so this passes the gate too).
     */
    public ClaimPlan plan(ClaimRecord claim) {
        try (RepositoryGate.Permit ignored = engine.repositoryGate().exclusive("retention plan of " + nameOf(claim))) {
            return planUnderGate(claim);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw cancelled("retention plan of " + nameOf(claim));
        }
    }

    /** The catalogue copies' plan: restic's --keep-last of {@code retention.catalogCopies}, nothing else. */
    public ClaimPlan planCatalogCopies() {
        try (RepositoryGate.Permit ignored = engine.repositoryGate().exclusive("retention plan of the catalogue copies")) {
            return catalogPlanUnderGate();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw cancelled("retention plan of the catalogue copies");
        }
    }

    private RetentionOutcome applyOne(ClaimRecord claim, String trigger) {
        String name = nameOf(claim);
        long runId = engine.catalog().startRun("retention", claim.id(), null, engine.config().host(), trigger, now());
        try (RepositoryGate.Permit ignored = engine.repositoryGate().exclusive("retention of " + name)) {
            ClaimPlan plan = planUnderGate(claim);
            List<Decision> removals = plan.removals();
            locks.around("retention of " + name, () -> {
                engine.restic().forget(removals.stream().map(Decision::snapshotId).toList());
                return null;
            });
            List<Long> rows = new ArrayList<>();
            for (SnapshotRecord r : engine.catalog().snapshotsOf(claim.id())) {
                if (removals.stream().anyMatch(d -> d.shortId().equals(r.shortId()))) {
                    rows.add(r.id());
                }
            }
            engine.catalog().deleteSnapshots(rows);
            plan.decisions().forEach(d -> LOG.info("retention of {}: {}", name, d.line()));
            LOG.info("retention of {} ({}): {} kept, {} forgotten", name, plan.policy().describe(),
                    plan.decisions().size() - removals.size(), removals.size());
            engine.catalog().recordRunDetail(runId, plan.detail());
            engine.catalog().finishRun(runId, "ok", null, null, now());
            return new RetentionOutcome(claim, runId, "ok", null, plan);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return failed(runId, claim, "retention of " + name + " was stopped before it began");
        } catch (RuntimeException e) {
            return failed(runId, claim, "retention of " + name + " failed: " + Failures.message(e));
        }
    }

    /** Applies the catalogue copies' retention as one {@code retention} run with no claim. */
    public ExitCode catalogCopies(String trigger) {
        return catalogCopiesOutcome(trigger).ok() ? ExitCode.OK : ExitCode.FAILED;
    }

    private RetentionOutcome catalogCopiesOutcome(String trigger) {
        long runId = engine.catalog().startRun("retention", null, null, engine.config().host(), trigger, now());
        try (RepositoryGate.Permit ignored = engine.repositoryGate().exclusive("retention of the catalogue copies")) {
            ClaimPlan plan = catalogPlanUnderGate();
            List<Decision> removals = plan.removals();
            locks.around("retention of the catalogue copies", () -> {
                engine.restic().forget(removals.stream().map(Decision::snapshotId).toList());
                return null;
            });
            LOG.info("retention of the catalogue copies: {} kept, {} forgotten", plan.decisions().size() - removals.size(),
                    removals.size());
            engine.catalog().recordRunDetail(runId, plan.detail());
            engine.catalog().finishRun(runId, "ok", null, null, now());
            return new RetentionOutcome(null, runId, "ok", null, plan);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return failed(runId, null, "retention of the catalogue copies was stopped before it began");
        } catch (RuntimeException e) {
            return failed(runId, null, "retention of the catalogue copies failed: " + Failures.message(e));
        }
    }

    private ClaimPlan planUnderGate(ClaimRecord claim) {
        String name = nameOf(claim);
        RetentionPolicy policy = engine.claimSchedules().retention(claim);
        ForgetPlan plan = locks.around("retention of " + name,
                () -> engine.restic().forgetPlan(engine.config().host(), tagsOf(claim), policy.resticOptions()));
        List<Snapshot> listed = new ArrayList<>();
        plan.keep().forEach(p -> listed.add(p.snapshot()));
        plan.remove().forEach(p -> listed.add(p.snapshot()));
        Optional<Instant> shrinkAt = engine.catalog().pendingShrinks(claim.id()).stream()
                .map(ShrinkRecord::detectedAt).min(Comparator.naturalOrder());
        ClaimFacts facts = ClaimFacts.of(name, listed, engine.catalog().snapshotsOf(claim.id()), shrinkAt);
        List<Decision> decisions = new ArrayList<>();
        for (ForgetPlan.Planned kept : plan.keep()) {
            Snapshot s = kept.snapshot();
            String reason = kept.reasons().isEmpty() ? "kept by the policy" : String.join(", ", kept.reasons());
            decisions.add(new Decision(s.id(), s.shortId(), s.time(), true, reason, "restic"));
        }
        for (ForgetPlan.Planned removed : plan.remove()) {
            decisions.add(judge(removed.snapshot(), facts, policy));
        }
        decisions.sort(Comparator.comparing(Decision::time));
        return new ClaimPlan(claim, policy, decisions);
    }

    /** A removal restic's policy asked for, unless a rule keeps it. */
    static Decision judge(Snapshot s, ClaimFacts facts, RetentionPolicy policy) {
        for (RetentionRule rule : Rules.ALL) {
            Optional<String> keep = rule.keep(s, facts);
            if (keep.isPresent()) {
                return new Decision(s.id(), s.shortId(), s.time(), true, keep.get(), rule.name());
            }
        }
        return new Decision(s.id(), s.shortId(), s.time(), false, "not kept by the policy (" + policy.describe() + ")", "restic");
    }

    private ClaimPlan catalogPlanUnderGate() {
        int copies = Math.max(1, engine.config().retention().catalogCopies());
        ForgetPlan plan = locks.around("retention of the catalogue copies", () -> engine.restic().forgetPlan(
                engine.config().host(), List.of(CatalogTags.MARK), List.of("--keep-last", Integer.toString(copies))));
        List<Decision> decisions = new ArrayList<>();
        plan.keep().forEach(p -> decisions.add(new Decision(p.snapshot().id(), p.snapshot().shortId(), p.snapshot().time(),
                true, p.reasons().isEmpty() ? "kept by the policy" : String.join(", ", p.reasons()), "restic")));
        plan.remove().forEach(p -> decisions.add(new Decision(p.snapshot().id(), p.snapshot().shortId(), p.snapshot().time(),
                false, "beyond the newest " + copies + " catalogue copies", "restic")));
        decisions.sort(Comparator.comparing(Decision::time));
        return new ClaimPlan(null, new RetentionPolicy(copies, 0, 0, 0, 0), decisions);
    }

    /** The tags that pick exactly this claim's snapshots: claimback, its key, and namespace and name when known. */
    static List<String> tagsOf(ClaimRecord claim) {
        List<String> tags = new ArrayList<>(List.of(SnapshotTags.MARK, SnapshotTags.CLAIM_KEY + claim.claimKey()));
        if (claim.namespace() != null) {
            tags.add(SnapshotTags.NAMESPACE + claim.namespace());
            tags.add(SnapshotTags.CLAIM + claim.name());
        }
        return tags;
    }

    public static String nameOf(ClaimRecord claim) {
        return claim.resolved() ? claim.namespace() + "/" + claim.name() : claim.claimKey();
    }

    private RetentionOutcome failed(long runId, ClaimRecord claim, String message) {
        LOG.error(message);
        engine.catalog().finishRun(runId, "failed", message, null, now());
        engine.notifier().publish(new Notification("failure", Notification.RUN, "retention",
                claim == null ? null : nameOf(claim), "failed", message, runId, now()));
        return new RetentionOutcome(claim, runId, "failed", message, null);
    }

    private boolean stopping() {
        return engine.stopSignal().stopping() || Thread.currentThread().isInterrupted();
    }

    private static ResticException cancelled(String what) {
        return new ResticException(ResticException.Kind.CANCELLED, ResticException.NO_EXIT_CODE, "", List.of(),
                what + " was stopped while waiting for running backups");
    }

    private Instant now() {
        return engine.clock().instant();
    }
}
