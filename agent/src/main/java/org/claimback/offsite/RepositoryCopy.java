package org.claimback.offsite;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import org.claimback.backup.RunStates;
import org.claimback.catalog.Catalog;
import org.claimback.catalog.CopyRecord;
import org.claimback.config.RepositoryConfig;
import org.claimback.engine.Engine;
import org.claimback.locks.RepositoryGate;
import org.claimback.outcome.Failures;
import org.claimback.repository.Reachability;
import org.claimback.repository.RepositoryProbe;
import org.claimback.repository.StaleLocks;
import org.claimback.restic.Restic;
import org.claimback.restic.ResticCopy;
import org.claimback.restic.ResticException;
import org.claimback.restic.Snapshot;
import org.claimback.restic.SnapshotFilter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Copies this host's new snapshots from the primary into ONE offsite copy and records which the copy
 * holds (see the package documentation for the steps). One run of kind {@code copy} per call;
 * failures are recorded and returned, never thrown.
 */
public final class RepositoryCopy {
    private static final Logger LOG = LoggerFactory.getLogger(RepositoryCopy.class);
    /** Snapshot ids per {@code restic copy}: short enough for any argv, few enough processes. */
    static final int BATCH = 100;

    private final Engine engine;
    private final RepositoryConfig copy;
    private Restic copyRestic;

    public RepositoryCopy(Engine engine, RepositoryConfig copy) {
        this.engine = engine;
        this.copy = copy;
    }

    /** @param trigger {@code cli} or {@code schedule} */
    public CopyOutcome run(String trigger) {
        Catalog catalog = engine.catalog();
        String host = engine.config().host();
        String repository = Restic.redact(copy.repository());
        long runId = catalog.startRun("copy", null, null, host, trigger, engine.clock().instant());
        catalog.recordRunTarget(runId, copy.name(), null, null);
        try (RepositoryGate.Permit permit = engine.repositoryGate().shared("copy to " + copy.name())) {
            copyRestic = engine.copyRestic(copy.name()); // reads its env file: a bad one fails this run
            Counts counts = copyAndRecord(runId, host);
            Instant newest = catalog.newestCopied(copy.name()).orElse(null);
            String detail = counts.detail(newest);
            catalog.recordRunDetail(runId, detail);
            catalog.finishRun(runId, RunStates.OK, null, null, engine.clock().instant());
            LOG.info("copy to {} ({}): {}", copy.name(), repository, detail);
            return new CopyOutcome(copy.name(), repository, runId, RunStates.OK, null, counts.created, counts.copied,
                    counts.alreadyThere(), newest);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return failed(runId, repository, RunStates.INTERRUPTED, "the copy to " + copy.name() + " was stopped before it started");
        } catch (RuntimeException e) {
            boolean cancelled = e instanceof ResticException r && r.kind() == ResticException.Kind.CANCELLED;
            String error = "copy to " + copy.name() + " (" + repository + ") failed: " + Failures.message(e);
            LOG.error("{}", error);
            boolean unreachable = e instanceof ResticException r && r.kind() == ResticException.Kind.UNREACHABLE;
            return failed(runId, repository, cancelled ? RunStates.INTERRUPTED : RunStates.FAILED, error, unreachable);
        }
    }

    private CopyOutcome failed(long runId, String repository, String state, String error) {
        return failed(runId, repository, state, error, false);
    }

    private CopyOutcome failed(long runId, String repository, String state, String error, boolean unreachable) {
        engine.catalog().finishRun(runId, state, error, null, engine.clock().instant());
        return new CopyOutcome(copy.name(), repository, runId, state, error, false, 0, 0,
                engine.catalog().newestCopied(copy.name()).orElse(null), unreachable);
    }

    private Counts copyAndRecord(long runId, String host) {
        Catalog catalog = engine.catalog();
        Duration lockWait = engine.config().agent().lockWait();
        StaleLocks copyLocks = new StaleLocks(copyRestic, lockWait);
        StaleLocks primaryLocks = new StaleLocks(engine.restic(), lockWait);
        ResticCopy resticCopy = new ResticCopy(copyRestic, engine.restic().settings());
        Counts counts = new Counts();

        engine.restic().version();
        if (!copyExists()) {
            LOG.info("copy {}: no repository at {}, creating it with the chunker parameters of the primary {}",
                    copy.name(), copyRestic.settings().redactedRepository(), engine.restic().settings().redactedRepository());
            resticCopy.initWithSourceChunker();
            counts.created = true;
            List<String> stale = catalog.copiesIn(copy.name()).stream().map(CopyRecord::copyResticId).toList();
            if (!stale.isEmpty()) {
                LOG.warn("copy {}: the catalogue recorded {} snapshots in it, but its repository was missing: copying them again",
                        copy.name(), stale.size());
                catalog.deleteCopies(copy.name(), stale);
            }
        }

        SnapshotsToCopy wanted = SnapshotsToCopy.of(catalog, host);
        Map<String, CopyRecord> recorded = new HashMap<>();
        catalog.copiesIn(copy.name()).forEach(c -> recorded.put(c.resticId(), c));
        List<String> pending = wanted.ids().stream().filter(id -> !recorded.containsKey(id)).toList();
        for (int i = 0; i < pending.size(); i += BATCH) {
            List<String> batch = pending.subList(i, Math.min(pending.size(), i + BATCH));
            List<String> saved = aroundBothLocks(copyLocks, primaryLocks, () -> resticCopy.copy(batch));
            counts.copied += saved.size();
        }

        List<Snapshot> held = copyLocks.around("copy to " + copy.name(),
                () -> copyRestic.snapshots(new SnapshotFilter(List.of(), host, List.of())));
        OriginalIds originals = new OriginalIds(wanted.ids());
        Set<String> present = new HashSet<>();
        Instant now = engine.clock().instant();
        for (Snapshot s : held) {
            present.add(s.id());
            Optional<String> id = originals.of(s.original());
            if (id.isEmpty()) {
                continue;
            }
            counts.held++;
            CopyRecord known = recorded.get(id.get());
            if (known == null || !known.copyResticId().equals(s.id())) {
                catalog.addCopy(new CopyRecord(id.get(), copy.name(), s.id(), s.time(), now, runId));
            }
        }
        List<String> gone = recorded.values().stream()
                .filter(c -> !present.contains(c.copyResticId()) && !wanted.otherHost().contains(c.resticId()))
                .map(CopyRecord::copyResticId).toList();
        if (!gone.isEmpty()) {
            LOG.warn("copy {}: {} snapshots the catalogue recorded there are no longer in it; forgetting the records"
                    + " (a snapshot still in the primary is copied again next time)", copy.name(), gone.size());
            catalog.deleteCopies(copy.name(), gone);
        }
        Set<String> heldIds = new HashSet<>();
        held.forEach(s -> originals.of(s.original()).ifPresent(heldIds::add));
        counts.missing = (int) pending.stream().filter(id -> !heldIds.contains(id)).count();
        if (counts.missing > 0) {
            LOG.warn("copy {}: {} snapshots of the catalogue were not found in the primary and were not copied"
                    + " (forgotten there since; `claimback catalog rebuild` brings the catalogue in line)", copy.name(), counts.missing);
        }
        return counts;
    }

    /**
     * Whether the copy repository exists, asked so that a server that is down or refuses the
     * credentials fails within seconds (restic 0.17+ would retry for 15 minutes): a TCP probe of
     * its server first, then {@code restic cat config} stopped at restic's first retry.
     */
    private boolean copyExists() {
        new Reachability().requireReachable(copyRestic.settings());
        RepositoryProbe.Answer answer = RepositoryProbe.ask(copyRestic, RepositoryProbe.DEFAULT_LIMIT);
        String repository = copyRestic.settings().redactedRepository();
        return switch (answer.state()) {
            case OPENS, LOCKED -> true;
            case MISSING -> false;
            case UNREACHABLE -> throw org.claimback.restic.Unreachable.exception(repository, "restic cat config", answer.reason());
            case WRONG_PASSWORD -> throw new ResticException(ResticException.Kind.WRONG_PASSWORD, ResticException.NO_EXIT_CODE,
                    "restic cat config", List.of(), "wrong password for repository " + repository + ": check copies[].passwordFile "
                            + copy.passwordFile());
            case NO_ANSWER -> throw new ResticException(ResticException.Kind.FAILED, ResticException.NO_EXIT_CODE,
                    "restic cat config", List.of(), "repository " + repository + " does not open: " + answer.reason()
                            + ": check its credentials" + (copy.envFile() == null ? "" : " in " + copy.envFile())
                            + " and that its server runs");
        };
    }

    /**
     * {@code restic copy} reads the primary and writes the copy; a lock in either stops it. Stale
     * locks of this host are removed in both (the primary's at once, the copy's by the outer
     * {@link StaleLocks#around}), live ones are waited for within the lock wait.
     */
    private <T> T aroundBothLocks(StaleLocks copyLocks, StaleLocks primaryLocks, Supplier<T> call) {
        return copyLocks.around("copy to " + copy.name(), () -> {
            try {
                return call.get();
            } catch (ResticException e) {
                if (e.kind() != ResticException.Kind.LOCKED || primaryLocks.cleanStaleLocks() == 0) {
                    throw e;
                }
                return call.get();
            }
        });
    }

    /** What one run did. */
    private static final class Counts {
        boolean created;
        int copied;
        int held;
        int missing;

        int alreadyThere() {
            return Math.max(0, held - copied);
        }

        String detail(Instant newest) {
            return (created ? "created the copy repository with the primary's chunker parameters; " : "")
                    + "copied " + copied + ", already there " + alreadyThere()
                    + (missing > 0 ? ", not in the primary " + missing : "")
                    + "; newest copied snapshot " + (newest == null ? "none" : newest.toString());
        }
    }
}
