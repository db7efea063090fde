package org.claimback.restore;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.claimback.backup.RootAttributes;
import org.claimback.backup.RunStates;
import org.claimback.backup.SnapshotTags;
import org.claimback.catalog.Catalog;
import org.claimback.catalog.ClaimRecord;
import org.claimback.catalog.SnapshotRecord;
import org.claimback.repository.RepositoryAccess;
import org.claimback.outcome.ExitCode;
import org.claimback.outcome.Failures;
import org.claimback.outcome.UserError;
import org.claimback.restic.RestoreRequest;
import org.claimback.restic.Restic;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Restores one claim: readies the target, runs {@code restic restore --verify} (restic reads every
 * file it wrote back and compares it), puts back the volume root's owner and mode, and checks file
 * count and bytes against the snapshot. Every attempt that reaches restic is a run in the catalogue,
 * with its target, totals and duration; a failed check fails the run loudly. {@link #from} reads
 * from an offsite copy instead, with the same guarantees.
 */
public final class RestoreEngine {
    private static final Logger LOG = LoggerFactory.getLogger(RestoreEngine.class);

    private final Catalog catalog;
    private final Restic restic;
    private final RepositoryAccess access;
    private final String host;
    private final List<Path> exportRoots;
    private final Clock clock;
    private final CopySource copy;

    public RestoreEngine(Catalog catalog, Restic restic, RepositoryAccess access, String host, List<Path> exportRoots,
            Clock clock) {
        this(catalog, restic, access, host, exportRoots, clock, null);
    }

    private RestoreEngine(Catalog catalog, Restic restic, RepositoryAccess access, String host, List<Path> exportRoots,
            Clock clock, CopySource copy) {
        this.catalog = catalog;
        this.restic = restic;
        this.access = access;
        this.host = host;
        this.exportRoots = exportRoots;
        this.clock = clock;
        this.copy = copy;
    }

    /**
     * This engine reading from an offsite copy instead: each snapshot (chosen and recorded by its
     * primary id) is restored under its id in the copy; one the copy lacks fails before the target
     * is touched.
     */
    public RestoreEngine from(CopySource source) {
        return new RestoreEngine(catalog, source.restic(), source.access(), host, exportRoots, clock, source);
    }

    /** Restores the claim's chosen snapshot ({@code snapshotId}, else its newest complete one) into {@code into}. */
    public RestoredClaim restore(ClaimRecord claim, String snapshotId, Path into, boolean force, String trigger) {
        SnapshotRecord snapshot = SnapshotChoice.choose(catalog, claim, snapshotId);
        return restore(new RestoreJob("restore", claim, snapshot, into, force, trigger), RestoreListener.NONE);
    }

    /**
     * Carries out one restore job: readies the target, runs {@code restic restore}, puts back the
     * volume root's owner and mode, and checks the result against the snapshot. Recorded as a run
     * of the job's kind, with target, totals and duration. Throws when anything fails, after
     * recording the run as failed.
     */
    public RestoredClaim restore(RestoreJob job, RestoreListener listener) {
        return restore(job, listener, RestoreCheck.NONE);
    }

    /**
     * {@link #restore(RestoreJob, RestoreListener)} with a further check of the restored tree, run
     * before the run is finished: a problem it finds fails the restore (and its run) loudly.
     */
    public RestoredClaim restore(RestoreJob job, RestoreListener listener, RestoreCheck check) {
        ClaimRecord claim = job.claim();
        SnapshotRecord snapshot = job.snapshot();
        Path target = job.target();
        Instant started = clock.instant();
        Path aside;
        String resticId;
        try {
            resticId = copy == null ? snapshot.resticId() : copy.requireIdOf(claim, snapshot);
            aside = RestoreTarget.prepare(target, job.force(), exportRoots, started, access::proveAccess);
        } catch (RuntimeException e) {
            listener.finished(job, null, e);
            throw e;
        }
        long runId = catalog.startRun(job.kind(), claim.id(), snapshot.volumeId(), host, job.trigger(), started);
        try {
            catalog.recordRunTarget(runId, target.toString(), null, null);
            if (copy != null) {
                catalog.recordRunDetail(runId, "from copy " + copy.name() + ", where the snapshot is " + resticId);
            }
            if (aside != null) {
                LOG.info("moved the existing content of {} aside into {}", target, aside);
            }
            snapshot = withKnownTotals(snapshot, resticId);
            listener.started(job, snapshot.bytesTotal());
            LOG.info("restoring snapshot {} of {} into {}{}", snapshot.shortId(), claim.claimKey(), target,
                    copy == null ? "" : " from copy " + copy.name() + " (" + resticId + " there)");
            Files.createDirectories(target.getParent());
            restic.restore(new RestoreRequest(resticId, target, true), p -> listener.progress(job, p.bytesRestored()));
            applyRootAttributes(snapshot, target);
            TreeTotals found = TreeTotals.of(target);
            listener.progress(job, found.bytes());
            catalog.recordRunTarget(runId, target.toString(), found.files(), found.bytes());
            checkComplete(snapshot, target, found);
            String problem = check.problemWith(snapshot, target);
            if (problem != null) {
                throw UserError.failed(problem);
            }
            catalog.finishRun(runId, RunStates.OK, null, snapshot.resticId(), clock.instant());
            LOG.info("restored {} files ({} bytes) of {} into {}", found.files(), found.bytes(), claim.claimKey(), target);
            RestoredClaim result = new RestoredClaim(claim, snapshot, target, aside, found, runId,
                    Duration.between(started, clock.instant()));
            listener.finished(job, result, null);
            return result;
        } catch (IOException e) {
            RuntimeException failure = failed(runId, snapshot,
                    new UserError(ExitCode.FAILED, "restore into " + target + " failed: " + e.getMessage(), e));
            listener.finished(job, null, failure);
            throw failure;
        } catch (RuntimeException e) {
            RuntimeException failure = failed(runId, snapshot, e);
            listener.finished(job, null, failure);
            throw failure;
        }
    }

    /**
     * The snapshot with its file count and bytes known: a catalogue rebuilt from a repository whose
     * restic recorded no summary does not know them, so they are counted once with {@code restic ls}
     * (regular files, every path of a hard link, as {@link TreeTotals} counts) and stored.
     */
    private SnapshotRecord withKnownTotals(SnapshotRecord s, String resticId) {
        if (s.totalsKnown() || s.partial()) {
            return s;
        }
        long[] totals = new long[2];
        restic.ls(resticId, node -> {
            if (node.regularFile()) {
                totals[0]++;
                totals[1] += node.size();
            }
        });
        LOG.info("snapshot {} had no totals in the catalogue: restic ls counts {} files, {} bytes", s.shortId(), totals[0],
                totals[1]);
        catalog.setSnapshotTotals(s.id(), totals[0], totals[1]);
        return new SnapshotRecord(s.id(), s.resticId(), s.shortId(), s.claimId(), s.volumeId(), s.runId(), s.time(), s.host(),
                s.sourcePath(), s.tags(), s.partial(), s.filesNew(), s.filesChanged(), s.filesUnmodified(), totals[0],
                totals[1], s.bytesAdded(), s.suspicious(), true);
    }

    private RuntimeException failed(long runId, SnapshotRecord snapshot, RuntimeException e) {
        catalog.finishRun(runId, RunStates.FAILED, Failures.message(e), snapshot.resticId(), clock.instant());
        return e;
    }

    private static void applyRootAttributes(SnapshotRecord snapshot, Path target) throws IOException {
        var tag = SnapshotTags.value(snapshot.tags(), SnapshotTags.ROOT);
        if (tag.isPresent()) {
            RootAttributes.parse(tag.get()).applyTo(target);
        } else if (!Files.isDirectory(target)) {
            throw new IOException(target + " was not created by restic");
        }
    }

    private static void checkComplete(SnapshotRecord snapshot, Path target, TreeTotals found) {
        if (snapshot.partial()) {
            LOG.warn("snapshot {} is partial: its counts include files restic could not read, so the restore is not"
                    + " checked against them", snapshot.shortId());
            return;
        }
        if (found.files() != snapshot.filesTotal() || found.bytes() != snapshot.bytesTotal()) {
            throw UserError.failed("restore into " + target + " is INCOMPLETE: snapshot " + snapshot.shortId() + " has "
                    + snapshot.filesTotal() + " files (" + snapshot.bytesTotal() + " bytes) but " + found.files() + " files ("
                    + found.bytes() + " bytes) are there; check the disk and restic's messages above, then restore again");
        }
    }
}
