package org.claimback.backup;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.claimback.catalog.Catalog;
import org.claimback.catalog.ClaimRecord;
import org.claimback.catalog.FingerprintRecord;
import org.claimback.catalog.SnapshotRecord;
import org.claimback.catalog.VolumeRecord;
import org.claimback.consistency.ClaimConsistency;
import org.claimback.consistency.Consistency;
import org.claimback.consistency.ConsistencyMethod;
import org.claimback.consistency.PreparedVolume;
import org.claimback.consistency.RunSnapshots;
import org.claimback.consistency.VolumeHooks;
import org.claimback.consistency.VolumePreparation;
import org.claimback.dump.DumpOutcome;
import org.claimback.fssnapshot.FsSnapshot;
import org.claimback.fssnapshot.FsSnapshotException;
import org.claimback.hooks.HookResult;
import org.claimback.engine.StopSignal;
import org.claimback.fingerprint.Fingerprint;
import org.claimback.fingerprint.VolumeScan;
import org.claimback.locks.RepositoryGate;
import org.claimback.locks.VolumeBusyException;
import org.claimback.locks.VolumeLock;
import org.claimback.locks.VolumeLocks;
import org.claimback.notify.Notification;
import org.claimback.notify.Notifier;
import org.claimback.outcome.Failures;
import org.claimback.restic.BackupRequest;
import org.claimback.restic.BackupResult;
import org.claimback.restic.BackupSummary;
import org.claimback.restic.Restic;
import org.claimback.restic.ResticException;
import org.claimback.repository.Reachability;
import org.claimback.repository.StaleLocks;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Backs up volumes, up to {@link Settings#parallel} at once on worker threads: for each, a run in
 * the catalogue and, unless its fingerprint shows it unchanged since its last good backup, one
 * restic snapshot, measured by the {@link ShrinkGuard} and recorded with its counts.
 *
 * <p>Each volume is backed up under its volume lock (never twice at once, also not by another
 * claimback process) and its restic backup runs inside a shared pass of the repository gate, so a
 * waiting forget, prune or check goes between two volumes. Failures are caught per volume and
 * recorded. Interrupting the calling thread cancels: no new volume starts, running restic
 * processes are stopped and their runs recorded {@code interrupted}. Once the engine's stop signal
 * is set, no new volume starts and running ones finish.
 */
public final class BackupEngine {
    private static final Logger LOG = LoggerFactory.getLogger(BackupEngine.class);
    private static final String SCHEDULE = "schedule";
    private static final AtomicInteger POOLS = new AtomicInteger();
    /** How long the end of a backup waits for the repository to forget failed dumps. */
    private static final Duration FORGET_WAIT = Duration.ofSeconds(30);

    /**
     * @param parallel           volumes backed up at once (at least 1)
     * @param shrinkGuardPercent see {@link ShrinkGuard}; 0 turns it off
     * @param lockWait           how long a CLI backup waits for a volume another run holds
     */
    public record Settings(int parallel, int shrinkGuardPercent, Duration lockWait) {
        public Settings {
            if (parallel < 1) {
                throw new IllegalArgumentException("parallel must be at least 1, got " + parallel);
            }
        }
    }

    private final Catalog catalog;
    private final Restic restic;
    private final String host;
    private final Clock clock;
    private final Settings settings;
    private final ShrinkGuard guard;
    private final VolumeLocks locks;
    private final RepositoryGate gate;
    private final Notifier notifier;
    private final StopSignal stopSignal;
    /** Gets a backup past a lock a dead restic of this host left (restic refuses to back up beside a stale exclusive lock). */
    private final StaleLocks staleLocks;
    private final Consistency consistency;
    /** Looks at the repository's server before a batch: an unreachable one fails the batch at once. */
    private final Reachability reachability = new Reachability();
    /** Set when dumps ran in this engine's batch: failed ones' snapshots are forgotten at the batch's end. */
    private final AtomicBoolean dumpsTaken = new AtomicBoolean();

    /** A backup engine that reads every volume live (no hooks, snapshots, database copies or dumps). */
    public BackupEngine(Catalog catalog, Restic restic, String host, Clock clock, Settings settings, VolumeLocks locks,
            RepositoryGate gate, Notifier notifier, StopSignal stopSignal) {
        this(catalog, restic, host, clock, settings, locks, gate, notifier, stopSignal, Consistency.none());
    }

    public BackupEngine(Catalog catalog, Restic restic, String host, Clock clock, Settings settings, VolumeLocks locks,
            RepositoryGate gate, Notifier notifier, StopSignal stopSignal, Consistency consistency) {
        this.consistency = consistency;
        this.catalog = catalog;
        this.restic = restic;
        this.host = host;
        this.clock = clock;
        this.settings = settings;
        this.guard = new ShrinkGuard(settings.shrinkGuardPercent());
        this.locks = locks;
        this.gate = gate;
        this.notifier = notifier;
        this.stopSignal = stopSignal;
        this.staleLocks = new StaleLocks(restic, settings.lockWait());
    }

    /** {@link #backup(List, String, BackupListener, boolean)} with the unchanged-volume check. */
    public List<VolumeBackup> backup(List<VolumeRecord> volumes, String trigger, BackupListener listener) {
        return backup(volumes, trigger, listener, false);
    }

    /**
     * Backs up the volumes, at most {@code parallel} at once, and returns what happened to each in
     * the order given. Volumes that never started (cancelled, stopping, or skipped by a scheduled run
     * because another run holds them) have no entry. {@code full} backs up unchanged volumes too.
     * The repository must exist (see {@code RepositoryAccess}). A wrong password or a missing
     * repository stops the whole backup: it is thrown after the running volumes end.
     *
     * <p>An unreachable repository server ({@link Reachability}'s probe before the first volume,
     * or restic saying so for any volume) also stops it, and every volume of the batch that did not
     * run gets a failed run saying why, so each claim's last run tells the truth; the
     * UNREACHABLE failure is then thrown (said once, not per volume: no listener or notifier calls).
     */
    public List<VolumeBackup> backup(List<VolumeRecord> volumes, String trigger, BackupListener listener, boolean full) {
        if (volumes.isEmpty()) {
            return List.of();
        }
        try {
            reachability.requireReachable(restic.settings());
        } catch (ResticException e) {
            LOG.warn("backup of {} volume(s) not started: {}", volumes.size(), e.getMessage());
            volumes.forEach(v -> recordUnreachable(v, trigger, e));
            throw e;
        }
        BackupListener serial = new SerialListener(listener);
        try (RunSnapshots snapshots = consistency.snapshots(volumes.stream().map(v -> Path.of(v.exportRoot())).distinct().toList())) {
            return backup(volumes, trigger, serial, full, snapshots);
        } finally {
            forgetFailedDumps();
        }
    }

    private List<VolumeBackup> backup(List<VolumeRecord> volumes, String trigger, BackupListener serial, boolean full,
            RunSnapshots snapshots) {
        int threads = Math.min(settings.parallel(), volumes.size());
        int pool = POOLS.incrementAndGet();
        AtomicInteger workers = new AtomicInteger();
        ExecutorService executor = Executors.newFixedThreadPool(threads, task -> {
            Thread t = new Thread(task, "backup-" + pool + "-" + workers.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        AtomicBoolean cancelled = new AtomicBoolean();
        AtomicReference<ResticException> fatal = new AtomicReference<>();
        Set<Thread> running = ConcurrentHashMap.newKeySet();
        RepositoryProof proof = new RepositoryProof(restic);
        List<Future<Optional<VolumeBackup>>> futures = new ArrayList<>();
        for (VolumeRecord volume : volumes) {
            futures.add(executor.submit(() -> {
                running.add(Thread.currentThread()); // before the check: a cancel either sees it or is seen
                try {
                    ResticException fatalSoFar = fatal.get();
                    if (fatalSoFar != null && fatalSoFar.kind() == ResticException.Kind.UNREACHABLE) {
                        recordUnreachable(volume, trigger, fatalSoFar);
                        return Optional.<VolumeBackup>empty();
                    }
                    if (cancelled.get() || fatalSoFar != null || stopSignal.stopping()) {
                        return Optional.<VolumeBackup>empty();
                    }
                    return backupVolume(volume, trigger, serial, full, fatal, proof, snapshots);
                } finally {
                    running.remove(Thread.currentThread());
                    Thread.interrupted(); // a cancel's interrupt ends with its volume
                }
            }));
        }
        executor.shutdown();
        boolean interrupted = false;
        AtomicReference<Throwable> unexpected = new AtomicReference<>();
        List<VolumeBackup> results = new ArrayList<>();
        for (Future<Optional<VolumeBackup>> future : futures) {
            while (true) {
                try {
                    future.get().ifPresent(results::add);
                    break;
                } catch (InterruptedException e) {
                    if (!interrupted) {
                        interrupted = true;
                        cancelled.set(true);
                        LOG.warn("backup cancelled: no more volumes start, running restic processes are stopped");
                        running.forEach(Thread::interrupt);
                    }
                } catch (ExecutionException e) {
                    // a bug, not a volume's failure (those are results): wait for the others, then say it
                    LOG.error("a backup worker failed: {}", Failures.message(e.getCause()), e.getCause());
                    unexpected.compareAndSet(null, e.getCause());
                    break;
                }
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        if (fatal.get() != null) {
            throw fatal.get();
        }
        if (unexpected.get() != null) {
            throw new IllegalStateException("a backup worker failed: " + Failures.message(unexpected.get()), unexpected.get());
        }
        return results;
    }

    /** One volume under its lock; empty when a scheduled run finds it busy. */
    private Optional<VolumeBackup> backupVolume(VolumeRecord volume, String trigger, BackupListener listener, boolean full,
            AtomicReference<ResticException> fatal, RepositoryProof proof, RunSnapshots snapshots) {
        ClaimRecord claim = catalog.claimById(volume.claimId()).orElseThrow();
        String holder = "backup of " + label(claim) + (SCHEDULE.equals(trigger) ? " (agent, schedule)" : " (claimback backup)");
        VolumeLock lock;
        try {
            lock = lock(volume, trigger, holder);
        } catch (VolumeBusyException e) {
            return Optional.of(notStarted(claim, volume, trigger, listener, RunStates.FAILED,
                    "backup of " + label(claim) + " waited " + settings.lockWait().toSeconds() + " s for " + e.getMessage()));
        } catch (InterruptedException e) {
            return Optional.of(notStarted(claim, volume, trigger, listener, RunStates.INTERRUPTED,
                    "cancelled while waiting for the volume's lock"));
        } catch (RuntimeException e) {
            return Optional.of(notStarted(claim, volume, trigger, listener, RunStates.FAILED,
                    "cannot take the volume's lock: " + Failures.message(e)));
        }
        if (lock == null) {
            LOG.info("backup of {} skipped this time: the volume is busy ({}); the next scheduled run takes it",
                    label(claim), locks.holderOf(volume.id()).orElse("another run holds it"));
            return Optional.empty();
        }
        try (lock) {
            listener.started(claim, volume);
            VolumeBackup result;
            try {
                result = backupOne(claim, volume, trigger, listener, full, proof, snapshots);
            } catch (ResticException e) {
                fatal.compareAndSet(null, e);
                result = null;
            }
            if (result != null) {
                listener.finished(result);
                notify(result);
            }
            return Optional.ofNullable(result);
        }
    }

    /** The volume's lock: a scheduled run takes it only when free (null when busy), a CLI run waits up to lockWait. */
    private VolumeLock lock(VolumeRecord volume, String trigger, String holder) throws InterruptedException {
        if (SCHEDULE.equals(trigger)) {
            return locks.tryLock(volume.id(), holder).orElse(null);
        }
        return locks.lock(volume.id(), holder, settings.lockWait());
    }

    /** A failed run for a volume not backed up because the repository's server cannot be reached. */
    private void recordUnreachable(VolumeRecord volume, String trigger, ResticException unreachable) {
        Instant now = clock.instant();
        long runId = catalog.startRun("backup", volume.claimId(), volume.id(), host, trigger, now);
        catalog.finishRun(runId, RunStates.FAILED, "not started: " + Failures.message(unreachable), null, clock.instant());
    }

    private VolumeBackup notStarted(ClaimRecord claim, VolumeRecord volume, String trigger, BackupListener listener,
            String state, String error) {
        Instant started = clock.instant();
        listener.started(claim, volume);
        long runId = catalog.startRun("backup", claim.id(), volume.id(), host, trigger, started);
        VolumeBackup result = failed(claim, volume, runId, state, error, started);
        listener.finished(result);
        notify(result);
        return result;
    }

    private VolumeBackup backupOne(ClaimRecord claim, VolumeRecord volume, String trigger, BackupListener listener,
            boolean full, RepositoryProof proof, RunSnapshots snapshots) {
        Instant started = clock.instant();
        long runId = catalog.startRun("backup", claim.id(), volume.id(), host, trigger, started);
        Path dir = Path.of(volume.path());
        ClaimConsistency wanted = consistency.forClaim(claim);
        VolumeHooks hooks = new VolumeHooks(consistency.hookRunner(), wanted.hooks(), claim, dir, runId, label(claim));
        Set<String> methods = new HashSet<>();
        List<String> problems = new ArrayList<>();
        Outcome outcome = null;
        ResticException fatal = null;
        try {
            if (hooks.hasBefore()) {
                HookResult before = hooks.before();
                if (before.ok()) {
                    methods.add(ConsistencyMethod.HOOK);
                } else if (hooks.continueOnBeforeFailure()) {
                    problems.add(before.summary() + " (onBeforeFailure: continue)");
                } else {
                    outcome = Outcome.failed(RunStates.FAILED, before.summary() + ": the volume was not backed up");
                }
            }
            if (outcome == null) {
                outcome = backupData(claim, volume, runId, started, listener, full, proof, snapshots, wanted, methods, problems);
            }
            if (!wanted.dumps().isEmpty() && consistency.dumps() != null && !RunStates.INTERRUPTED.equals(outcome.state())) {
                for (String failure : takeDumps(claim, runId, wanted)) {
                    outcome = outcome.failedBy(failure);
                }
                dumpsTaken.set(true);
            }
        } catch (ResticException e) {
            catalog.forgetFingerprint(volume.id());
            if (e.kind().affectsEveryBackup()) {
                fatal = e;
            }
            boolean cancelled = e.kind() == ResticException.Kind.CANCELLED;
            outcome = Outcome.endedBy(outcome, cancelled ? RunStates.INTERRUPTED : RunStates.FAILED, Failures.message(e));
        } catch (InterruptedException e) {
            catalog.forgetFingerprint(volume.id());
            outcome = Outcome.endedBy(outcome, RunStates.INTERRUPTED, "cancelled while waiting for the repository gate"
                    + " (a forget, prune or check held it) or a hook");
        }
        outcome = afterHooks(hooks, outcome.withProblems(problems));
        catalog.recordRunConsistency(runId, ConsistencyMethod.join(methods));
        String detail = hooks.detail();
        if (detail != null) {
            catalog.recordRunDetail(runId, detail);
        }
        catalog.finishRun(runId, outcome.state(), outcome.error(), outcome.snapshot() == null ? null : outcome.snapshot().resticId(),
                clock.instant());
        log(claim, outcome);
        if (fatal != null) {
            throw fatal;
        }
        return new VolumeBackup(claim, volume, runId, outcome.state(), outcome.snapshot(), outcome.error(), outcome.warnings(),
                since(started));
    }

    /** The after-hook (always, once the volume's turn came) and, for a failed backup, onError; a failing after-hook fails the run. */
    private static Outcome afterHooks(VolumeHooks hooks, Outcome outcome) {
        boolean interrupted = Thread.interrupted(); // a cancelled backup still resumes its application
        try {
            HookResult after = hooks.after();
            if (after != null && !after.ok()) {
                outcome = outcome.failedBy(after.summary());
            }
            if (RunStates.FAILED.equals(outcome.state()) || RunStates.PARTIAL.equals(outcome.state())
                    || RunStates.INTERRUPTED.equals(outcome.state())) {
                hooks.onError(outcome.error());
            }
        } catch (InterruptedException e) {
            interrupted = true;
            outcome = outcome.failedBy("cancelled while a hook ran");
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
        return outcome;
    }

    /** The claim's dumps, each its own snapshot; returns the errors of those that failed. */
    private List<String> takeDumps(ClaimRecord claim, long runId, ClaimConsistency wanted) throws InterruptedException {
        RepositoryGate.Permit permit = gate.shared("dumps of " + label(claim));
        try {
            return consistency.dumps().take(claim, runId, wanted.dumps()).stream()
                    .filter(d -> !d.ok()).map(DumpOutcome::error).toList();
        } finally {
            boolean interrupted = Thread.interrupted();
            permit.close();
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /**
     * The volume's data: read where the run's snapshot holds it (or live), scanned, and unless
     * unchanged prepared (database copies) and backed up.
     */
    private Outcome backupData(ClaimRecord claim, VolumeRecord volume, long runId, Instant started, BackupListener listener,
            boolean full, RepositoryProof proof, RunSnapshots snapshots, ClaimConsistency wanted, Set<String> methods,
            List<String> problems) throws InterruptedException {
        Path dir = Path.of(volume.path());
        try {
            if (!Files.isDirectory(dir)) {
                throw new IOException(dir + " is not a directory any more");
            }
            Optional<FsSnapshot> fsSnapshot = snapshots.snapshotFor(Path.of(volume.exportRoot()), dir);
            Path readDir = fsSnapshot.map(s -> s.view(dir)).orElse(dir);
            Optional<SnapshotRecord> reference = ShrinkGuard.reference(catalog.snapshotsOf(claim.id()),
                    catalog.shrinksOf(claim.id()));
            if (isEmpty(readDir)) {
                return emptyVolume(claim, volume, runId, reference);
            }
            Instant scannedAt = clock.instant();
            Fingerprint fingerprint = scan(claim, readDir);
            if (!full && fingerprint != null) {
                Optional<Outcome> unchanged = unchanged(claim, volume, runId, fingerprint, proof);
                if (unchanged.isPresent()) {
                    return unchanged.get();
                }
            }
            try (PreparedVolume prepared = prepare(dir, fsSnapshot, wanted, runId)) {
                methods.addAll(prepared.methods());
                problems.addAll(prepared.problems());
                return backupPrepared(claim, volume, runId, started, listener, prepared, methods, reference, fingerprint,
                        scannedAt);
            }
        } catch (FsSnapshotException e) {
            catalog.forgetFingerprint(volume.id());
            return Outcome.failed(RunStates.FAILED, e.getMessage());
        } catch (IOException e) {
            catalog.forgetFingerprint(volume.id());
            return Outcome.failed(RunStates.FAILED, "cannot read the volume: " + e.getMessage()
                    + " (check that the export is there and readable)");
        } catch (RuntimeException e) {
            if (e instanceof ResticException r) {
                throw r;
            }
            catalog.forgetFingerprint(volume.id());
            return Outcome.failed(RunStates.FAILED, Failures.message(e));
        }
    }

    private PreparedVolume prepare(Path dir, Optional<FsSnapshot> fsSnapshot, ClaimConsistency wanted, long runId)
            throws IOException, InterruptedException {
        VolumePreparation preparation = consistency.preparation();
        return preparation == null ? PreparedVolume.live(dir) : preparation.prepare(dir, fsSnapshot, wanted, runId);
    }

    private Outcome backupPrepared(ClaimRecord claim, VolumeRecord volume, long runId, Instant started, BackupListener listener,
            PreparedVolume prepared, Set<String> methods, Optional<SnapshotRecord> reference, Fingerprint fingerprint,
            Instant scannedAt) throws IOException, InterruptedException {
        Path dir = Path.of(volume.path());
        Path readDir = prepared.readDir();
        String method = ConsistencyMethod.join(methods);
        List<String> tags = new ArrayList<>(SnapshotTags.of(claim, volume, RootAttributes.read(readDir)));
        tags.add(SnapshotTags.CONSISTENCY + method);
        LOG.info("backing up {} ({}, consistency: {})", label(claim), dir, method);
        if (!prepared.view().live() && !RootUser.isRoot()) {
            throw new IOException("reading it through a " + method + " view needs root (a private mount namespace):"
                    + " run claimback as root, or set snapshot: none and sqlite.consistentCopy: false");
        }
        BackupResult result;
        RepositoryGate.Permit permit = gate.shared("backup of " + label(claim));
        try {
            result = staleLocks.around("backup of " + label(claim), () -> restic.backup(
                    new BackupRequest(dir, host, tags, prepared.view()), progress -> listener.progress(claim, volume, progress)));
        } finally {
            // an interrupted thread would close the gate's file channel (and with it every shared
            // lock of this JVM) when releasing: release first, then keep the interrupt
            boolean interrupted = Thread.interrupted();
            permit.close();
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
        SnapshotRecord snapshot = catalog.addSnapshot(snapshotRecord(claim, volume, runId, started, tags, result).withConsistency(method));
        catalog.recordBytesAdded(runId, result.summary().dataAdded());
        Optional<String> shrink = guard.snapshot(reference, snapshot.filesTotal(), snapshot.bytesTotal(), label(claim));
        if (shrink.isPresent()) {
            catalog.setSuspicious(snapshot.id(), true);
            snapshot = suspicious(snapshot);
            catalog.addShrink(claim.id(), clock.instant(), runId, snapshot.resticId(), shrink.get());
            catalog.forgetFingerprint(volume.id());
            return new Outcome(RunStates.SUSPICIOUS, shrink.get()
                    + (result.partial() ? " (the snapshot is also partial: restic could not read some files)" : ""),
                    snapshot, result.warnings());
        }
        if (result.partial()) {
            catalog.forgetFingerprint(volume.id());
            return new Outcome(RunStates.PARTIAL, "restic could not read " + result.warnings().size() + " item(s); the snapshot is partial"
                    + (result.warnings().isEmpty() ? "" : ": " + result.warnings().get(0)), snapshot, result.warnings());
        }
        if (fingerprint != null && prepared.problems().isEmpty()) {
            catalog.putFingerprint(new FingerprintRecord(volume.id(), fingerprint.hex(), fingerprint.entries(),
                    fingerprint.bytes(), snapshot.resticId(), scannedAt));
        } else {
            catalog.forgetFingerprint(volume.id());
        }
        return new Outcome(RunStates.OK, null, snapshot, result.warnings());
    }

    /** The scan, or null when it fails (the volume is then backed up: a failed scan never skips). */
    private static Fingerprint scan(ClaimRecord claim, Path dir) {
        try {
            return VolumeScan.of(dir);
        } catch (IOException | RuntimeException e) {
            LOG.warn("cannot scan {} for changes ({}): backing it up with restic", label(claim), Failures.message(e));
            return null;
        }
    }

    /** A skipped-unchanged outcome when the fingerprint matches the last good backup's and its snapshot is still good. */
    private Optional<Outcome> unchanged(ClaimRecord claim, VolumeRecord volume, long runId, Fingerprint fingerprint,
            RepositoryProof proof) {
        Optional<FingerprintRecord> stored = catalog.fingerprintOf(volume.id());
        if (stored.isEmpty() || !stored.get().fingerprint().equals(fingerprint.hex())) {
            return Optional.empty();
        }
        Optional<SnapshotRecord> covering;
        try {
            covering = catalog.snapshotByResticId(stored.get().snapshotId())
                    .filter(s -> s.claimId() == claim.id() && !s.partial() && !s.suspicious());
        } catch (RuntimeException e) {
            covering = Optional.empty();
        }
        if (covering.isEmpty()) {
            LOG.info("{} looks unchanged but its snapshot {} is gone or no longer good: backing it up", label(claim),
                    stored.get().snapshotId());
            return Optional.empty();
        }
        if (!proof.opens()) {
            return Optional.empty(); // no repository there: let restic say so
        }
        SnapshotRecord snapshot = covering.get();
        String reason = "unchanged since snapshot " + snapshot.shortId() + " (" + fingerprint.entries() + " entries scanned)";
        catalog.recordBytesAdded(runId, 0);
        return Optional.of(new Outcome(RunStates.SKIPPED_UNCHANGED, reason, snapshot, List.of()));
    }

    private VolumeBackup failed(ClaimRecord claim, VolumeRecord volume, long runId, String state, String error, Instant started) {
        catalog.finishRun(runId, state, error, null, clock.instant());
        LOG.warn("backup of {} {}: {}", label(claim), state, error);
        return new VolumeBackup(claim, volume, runId, state, null, error, List.of(), since(started));
    }

    private Outcome emptyVolume(ClaimRecord claim, VolumeRecord volume, long runId, Optional<SnapshotRecord> reference) {
        catalog.forgetFingerprint(volume.id());
        catalog.recordBytesAdded(runId, 0);
        Optional<String> shrink = guard.emptyVolume(reference, label(claim));
        if (shrink.isPresent()) {
            catalog.addShrink(claim.id(), clock.instant(), runId, null, shrink.get());
            return Outcome.failed(RunStates.SUSPICIOUS, shrink.get());
        }
        String reason = "volume is empty: nothing to back up (restic saves no empty snapshots)";
        if (reference.isPresent() && reference.get().filesTotal() > 0) {
            reason += "; its last snapshot had " + reference.get().filesTotal() + " files, so check the volume before trusting it";
        }
        return Outcome.failed(RunStates.SKIPPED, reason);
    }

    /** Logs the volume's end as its state deserves. */
    private static void log(ClaimRecord claim, Outcome o) {
        String id = o.snapshot() == null ? "-" : o.snapshot().shortId();
        switch (o.state()) {
            case RunStates.OK -> LOG.info("backed up {}: snapshot {}, {} files, {} bytes added", label(claim), id,
                    o.snapshot().filesTotal(), o.snapshot().bytesAdded());
            case RunStates.SKIPPED_UNCHANGED -> LOG.info("backup of {} skipped: {}", label(claim), o.error());
            case RunStates.SUSPICIOUS -> LOG.warn("backup of {} is SUSPICIOUS: snapshot {}: {}", label(claim), id, o.error());
            case RunStates.PARTIAL -> LOG.warn("backup of {} is PARTIAL: snapshot {} saved, {}", label(claim), id, o.error());
            default -> LOG.warn("backup of {} {}: {}", label(claim), o.state(), o.error());
        }
    }

    /** Forgets the snapshots of dumps that failed, if the repository gate can be had in time (else the next run or retention does). */
    private void forgetFailedDumps() {
        if (consistency.dumps() == null || !dumpsTaken.getAndSet(false) || catalog.dumpsToForget().isEmpty()) {
            return;
        }
        boolean interrupted = Thread.interrupted();
        try {
            // bounded: a CLI backup must not wait long behind another process's backups; retention forgets what is left
            consistency.dumps().forgetFailed(gate, FORGET_WAIT.compareTo(settings.lockWait()) < 0 ? FORGET_WAIT : settings.lockWait());
        } catch (RuntimeException e) {
            LOG.warn("cannot forget the snapshots of failed dumps now: {} (retention tries again)", Failures.message(e));
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Tells the notifier; a notifier that throws changes nothing about the backup. */
    private void notify(VolumeBackup result) {
        BackupNotices.publish(notifier, result, clock.instant());
    }

    private static boolean isEmpty(Path dir) throws IOException {
        try (var entries = Files.list(dir)) {
            return entries.findAny().isEmpty();
        }
    }

    private SnapshotRecord snapshotRecord(ClaimRecord claim, VolumeRecord volume, long runId, Instant started,
            List<String> tags, BackupResult result) {
        BackupSummary s = result.summary();
        String id = s.snapshotId();
        return new SnapshotRecord(0, id, id.substring(0, Math.min(8, id.length())), claim.id(), volume.id(), runId,
                started, host, volume.path(), tags, result.partial(), s.filesNew(), s.filesChanged(),
                s.filesUnmodified(), s.totalFilesProcessed(), s.totalBytesProcessed(), s.dataAdded());
    }

    private static SnapshotRecord suspicious(SnapshotRecord s) {
        return new SnapshotRecord(s.id(), s.resticId(), s.shortId(), s.claimId(), s.volumeId(), s.runId(), s.time(), s.host(),
                s.sourcePath(), s.tags(), s.partial(), s.filesNew(), s.filesChanged(), s.filesUnmodified(), s.filesTotal(),
                s.bytesTotal(), s.bytesAdded(), true, s.totalsKnown());
    }

    private Duration since(Instant started) {
        return Duration.between(started, clock.instant());
    }

    static String label(ClaimRecord claim) {
        return claim.namespace() == null ? claim.claimKey() : claim.namespace() + "/" + claim.name();
    }
}
