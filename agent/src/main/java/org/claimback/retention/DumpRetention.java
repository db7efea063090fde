package org.claimback.retention;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import org.claimback.catalog.ClaimRecord;
import org.claimback.catalog.DumpRecord;
import org.claimback.config.RetentionPolicy;
import org.claimback.dumprestore.DumpSnapshots;
import org.claimback.engine.Engine;
import org.claimback.locks.RepositoryGate;
import org.claimback.notify.Notification;
import org.claimback.outcome.Failures;
import org.claimback.repository.StaleLocks;
import org.claimback.restic.ForgetPlan;
import org.claimback.restic.Snapshot;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Retention of streamed dumps: each claim's policy applied to each dump name on its own, so
 * {@code keep-daily 7} keeps seven days of every database. restic is asked what the policy would
 * remove among the snapshots tagged {@code claimback-dump}, the claim's tags and {@code dump=NAME}
 * on this host (never {@code claimback}: volume snapshots are out of its reach); the newest
 * complete dump of a name is always kept, whatever restic says; the rest is forgotten by id and
 * its catalogue rows deleted (a failed dump's row is marked forgotten instead). Each claim and
 * name passes the repository gate alone and is one {@code retention} run; a failure of one never
 * stops the others.
 */
public final class DumpRetention {
    private static final Logger LOG = LoggerFactory.getLogger(DumpRetention.class);
    static final String NEWEST_COMPLETE = "newest-complete-dump";

    private final Engine engine;
    private final StaleLocks locks;

    private DumpRetention(Engine engine) {
        this.engine = engine;
        this.locks = new StaleLocks(engine.restic(), engine.config().agent().lockWait());
    }

    public static DumpRetention of(Engine engine) {
        return new DumpRetention(engine);
    }

    /** Every claim's dumps, one name at a time; fewer outcomes when claimback is stopping. */
    public List<RetentionOutcome> applyAll(String trigger) {
        List<RetentionOutcome> outcomes = new ArrayList<>();
        List<ClaimRecord> claims = engine.catalog().claims().stream().sorted(Comparator.comparing(ClaimRecord::claimKey)).toList();
        for (ClaimRecord claim : claims) {
            for (String name : namesOf(claim)) {
                if (engine.stopSignal().stopping() || Thread.currentThread().isInterrupted()) {
                    LOG.info("dump retention stops before {} dump {}: claimback is stopping", Retention.nameOf(claim), name);
                    return outcomes;
                }
                outcomes.add(apply(claim, name, trigger));
            }
        }
        return outcomes;
    }

    /** The dump names of a claim with a snapshot in the repository, sorted. */
    List<String> namesOf(ClaimRecord claim) {
        return List.copyOf(new TreeSet<>(engine.catalog().dumpsOf(claim.id()).stream()
                .filter(d -> d.resticId() != null && !"forgotten".equals(d.state())).map(DumpRecord::name).toList()));
    }

    /** Applies the claim's policy to its dumps named {@code name}: one {@code retention} run. */
    public RetentionOutcome apply(ClaimRecord claim, String name, String trigger) {
        String what = "retention of " + Retention.nameOf(claim) + " dump " + name;
        long runId = engine.catalog().startRun("retention", claim.id(), null, engine.config().host(), trigger, now());
        try (RepositoryGate.Permit ignored = engine.repositoryGate().exclusive(what)) {
            ClaimPlan plan = planUnderGate(claim, name);
            List<Decision> removals = plan.removals();
            locks.around(what, () -> {
                engine.restic().forget(removals.stream().map(Decision::snapshotId).toList());
                return null;
            });
            List<String> okRows = new ArrayList<>();
            for (DumpRecord d : engine.catalog().dumpsOf(claim.id())) {
                if (d.shortId() != null && removals.stream().anyMatch(r -> r.shortId().equals(d.shortId()))) {
                    if (d.ok()) {
                        okRows.add(d.resticId());
                    } else {
                        engine.catalog().markDumpForgotten(d.id());
                    }
                }
            }
            engine.catalog().deleteDumps(okRows);
            plan.decisions().forEach(d -> LOG.info("{}: {}", what, d.line()));
            LOG.info("{} ({}): {} kept, {} forgotten", what, plan.policy().describe(), plan.decisions().size() - removals.size(),
                    removals.size());
            engine.catalog().recordRunDetail(runId, "dump " + name + "\n" + plan.detail());
            engine.catalog().finishRun(runId, "ok", null, null, now());
            return new RetentionOutcome(claim, runId, "ok", null, plan, name);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return failed(runId, claim, name, what + " was stopped before it began");
        } catch (RuntimeException e) {
            return failed(runId, claim, name, what + " failed: " + Failures.message(e));
        }
    }

    private ClaimPlan planUnderGate(ClaimRecord claim, String name) {
        RetentionPolicy policy = engine.claimSchedules().retention(claim);
        ForgetPlan plan = locks.around("retention of " + Retention.nameOf(claim) + " dump " + name,
                () -> engine.restic().forgetPlan(engine.config().host(), DumpSnapshots.filterTags(claim, name),
                        policy.resticOptions()));
        Optional<String> newestComplete = engine.catalog().dumpsOf(claim.id()).stream()
                .filter(d -> d.name().equals(name) && d.ok() && d.shortId() != null).map(DumpRecord::shortId).findFirst();
        List<Decision> decisions = new ArrayList<>();
        for (ForgetPlan.Planned kept : plan.keep()) {
            Snapshot s = kept.snapshot();
            String reason = kept.reasons().isEmpty() ? "kept by the policy" : String.join(", ", kept.reasons());
            decisions.add(new Decision(s.id(), s.shortId(), s.time(), true, reason, "restic"));
        }
        for (ForgetPlan.Planned removed : plan.remove()) {
            Snapshot s = removed.snapshot();
            decisions.add(newestComplete.filter(s.shortId()::equals).isPresent()
                    ? new Decision(s.id(), s.shortId(), s.time(), true, "the newest complete dump " + name, NEWEST_COMPLETE)
                    : new Decision(s.id(), s.shortId(), s.time(), false, "not kept by the policy (" + policy.describe() + ")",
                            "restic"));
        }
        decisions.sort(Comparator.comparing(Decision::time));
        return new ClaimPlan(claim, policy, decisions);
    }

    private RetentionOutcome failed(long runId, ClaimRecord claim, String name, String message) {
        LOG.error(message);
        engine.catalog().finishRun(runId, "failed", message, null, now());
        engine.notifier().publish(new Notification("failure", Notification.RUN, "retention", Retention.nameOf(claim), "failed",
                message, runId, now()));
        return new RetentionOutcome(claim, runId, "failed", message, null, name);
    }

    private Instant now() {
        return engine.clock().instant();
    }
}
