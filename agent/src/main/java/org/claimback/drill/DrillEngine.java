package org.claimback.drill;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import org.claimback.backup.RunStates;
import org.claimback.catalog.Catalog;
import org.claimback.catalog.ClaimRecord;
import org.claimback.catalog.RunRecord;
import org.claimback.catalog.SnapshotRecord;
import org.claimback.engine.Engine;
import org.claimback.outcome.ExitCode;
import org.claimback.outcome.Failures;
import org.claimback.outcome.UserError;
import org.claimback.restic.Restic;
import org.claimback.restic.ResticException;
import org.claimback.restore.RestoreEngine;
import org.claimback.restore.RestoreJob;
import org.claimback.restore.RestoreListener;
import org.claimback.restore.RestoredClaim;
import org.claimback.restore.SnapshotChoice;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One drill of one claim: restores its newest good snapshot into a fresh scratch directory (a
 * {@code drill} run with target, totals and duration, checked for file and byte counts by the
 * restore engine), compares the tree entry by entry with {@code restic ls} ({@link TreeCheck}),
 * marks the run failed when they differ, and always removes the scratch copy. Copies left behind
 * by drills whose process was killed are removed at the start of the next drill.
 */
public final class DrillEngine {
    private static final Logger LOG = LoggerFactory.getLogger(DrillEngine.class);

    private final Catalog catalog;
    private final Restic restic;
    private final RestoreEngine restores;
    private final Path scratchRoot;
    private final Clock clock;

    public DrillEngine(Catalog catalog, Restic restic, RestoreEngine restores, Path scratchRoot, Clock clock) {
        this.catalog = catalog;
        this.restic = restic;
        this.restores = restores;
        this.scratchRoot = scratchRoot;
        this.clock = clock;
    }

    public static DrillEngine of(Engine engine) {
        return new DrillEngine(engine.catalog(), engine.restic(), engine.restoreEngine(), engine.config().drill().scratch(),
                engine.clock());
    }

    /** The snapshot a drill of {@code claim} would restore (the one a restore would choose), if any. */
    public Optional<SnapshotRecord> goodSnapshot(ClaimRecord claim) {
        try {
            return Optional.of(SnapshotChoice.choose(catalog, claim, (String) null));
        } catch (UserError e) {
            return Optional.empty();
        }
    }

    /**
     * Drills {@code claim}; never throws for a failed drill (the result says why), only for bugs.
     * A claim without a good snapshot fails without a run: there is nothing to record a restore of.
     */
    public DrillResult drill(ClaimRecord claim, String trigger) {
        return drill(claim, null, trigger);
    }

    /** {@link #drill(ClaimRecord, String)} of the snapshots of {@code host} ({@code CLAIM@HOST}; null: any host). */
    public DrillResult drill(ClaimRecord claim, String host, String trigger) {
        SnapshotRecord snapshot;
        try {
            snapshot = SnapshotChoice.choose(catalog, claim, new org.claimback.restore.SnapshotQuery(null, null, false, host));
        } catch (UserError e) {
            LOG.warn("drill of {}: {}", claim.claimKey(), e.getMessage());
            return new DrillResult(claim, null, null, DrillResult.FAILED, null, null, null, e.getMessage(), e.exitCode(), null);
        }
        Instant started = clock.instant();
        removeLeftovers(started);
        Path copy;
        try {
            copy = ScratchCopy.create(scratchRoot, claim.claimKey(), started);
        } catch (UserError e) {
            LOG.error("drill of {}: {}", claim.claimKey(), e.getMessage());
            return new DrillResult(claim, snapshot, null, DrillResult.FAILED, null, null, null, e.getMessage(), e.exitCode(), null);
        }
        DrillResult result;
        Path left;
        try {
            result = restoreAndCheck(claim, snapshot, copy, trigger, started);
        } finally {
            left = removeCopy(copy); // always: also when the restore or the check failed, or a bug threw
        }
        return new DrillResult(result.claim(), result.snapshot(), result.runId(), result.state(), result.files(), result.bytes(),
                result.rto(), result.reason(), result.exitCode(), left);
    }

    private DrillResult restoreAndCheck(ClaimRecord claim, SnapshotRecord snapshot, Path copy, String trigger, Instant started) {
        RestoredClaim restored;
        try {
            // the comparison with restic ls runs inside the restore, before its run is finished: a drill
            // run is never ok before the tree was verified
            restored = restores.restore(new RestoreJob("drill", claim, snapshot, copy, false, trigger), RestoreListener.NONE,
                    this::check);
        } catch (RuntimeException e) {
            Optional<RunRecord> run = catalog.runsOfKind("drill", claim.id(), 1).stream()
                    .filter(r -> !r.startedAt().isBefore(started)).findFirst();
            String reason = Failures.message(e);
            String state = cancelled(e) ? RunStates.INTERRUPTED : DrillResult.FAILED;
            if (cancelled(e) && run.isPresent()) { // stopped, not failed: the backup is not to blame
                catalog.finishRun(run.get().id(), state, reason, snapshot.resticId(), run.get().endedAt());
            }
            LOG.warn("drill of {} {}: {}", claim.claimKey(), state, reason);
            return new DrillResult(claim, snapshot, run.map(RunRecord::id).orElse(null), state,
                    run.map(RunRecord::files).orElse(null), run.map(RunRecord::bytes).orElse(null),
                    run.map(RunRecord::duration).orElse(null), reason, Failures.exitCode(e), null);
        }
        RunRecord run = catalog.runById(restored.runId()).orElseThrow();
        LOG.info("drill of {} ok: snapshot {} restored and verified, {} files ({} bytes) in {} s", claim.claimKey(),
                snapshot.shortId(), run.files(), run.bytes(), run.duration().toMillis() / 1000.0);
        return new DrillResult(claim, snapshot, run.id(), DrillResult.OK, run.files(), run.bytes(), run.duration(), null,
                ExitCode.OK, null);
    }

    private static boolean cancelled(RuntimeException e) {
        return e instanceof ResticException r && r.kind() == ResticException.Kind.CANCELLED;
    }

    /** The problem found comparing the copy with the snapshot's listing, or null when they agree. Throws when restic fails. */
    private String check(SnapshotRecord snapshot, Path copy) {
        TreeCheck check = new TreeCheck(copy);
        restic.ls(snapshot.resticId(), check);
        try {
            TreeCheckResult found = check.finish();
            return found.ok() ? null : found.reason(snapshot.shortId());
        } catch (IOException e) {
            return "cannot read the restored tree in " + copy + ": " + e.getMessage();
        }
    }

    /**
     * Removes the copies killed drills left behind: the scratch directories that the catalogue
     * records as targets of drill runs that are no longer running (runs of dead processes are first
     * marked interrupted). Only directories claimback itself recorded are touched, never anything
     * else a person may have put under {@code drill.scratch}.
     */
    private void removeLeftovers(Instant now) {
        if (!Files.isDirectory(scratchRoot)) {
            return;
        }
        catalog.markInterrupted(now);
        Set<Path> seen = new HashSet<>();
        for (RunRecord r : catalog.runsOfKind("drill", null, 1000)) {
            if (RunStates.RUNNING.equals(r.state()) || r.target() == null) {
                continue;
            }
            Path left = Path.of(r.target()).toAbsolutePath().normalize();
            if (seen.add(left) && scratchRoot.toAbsolutePath().normalize().equals(left.getParent())
                    && Files.isDirectory(left, LinkOption.NOFOLLOW_LINKS) && removeCopy(left) == null) {
                LOG.warn("removed the scratch copy {} left by drill run {} ({})", left, r.id(), r.state());
            }
        }
    }

    /** Removes the scratch copy; returns it when it could not be removed, else null. */
    private Path removeCopy(Path copy) {
        try {
            ScratchCopy.remove(scratchRoot, copy);
            return null;
        } catch (IOException e) {
            LOG.error("the drill's scratch copy {} was not removed: {}: remove it by hand", copy, e.getMessage());
            return copy;
        }
    }
}
