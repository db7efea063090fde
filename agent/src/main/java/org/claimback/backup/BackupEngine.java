package org.claimback.backup;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.claimback.catalog.Catalog;
import org.claimback.catalog.ClaimRecord;
import org.claimback.catalog.SnapshotRecord;
import org.claimback.catalog.VolumeRecord;
import org.claimback.outcome.Failures;
import org.claimback.restic.BackupRequest;
import org.claimback.restic.BackupResult;
import org.claimback.restic.BackupSummary;
import org.claimback.restic.Restic;
import org.claimback.restic.ResticException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Backs up volumes one by one: for each, a run in the catalogue, one restic snapshot, and the
 * snapshot recorded with its counts. Failures are caught per volume and recorded; only a
 * cancellation (interrupt) stops the loop, after recording the current run as interrupted.
 */
public final class BackupEngine {
    private static final Logger LOG = LoggerFactory.getLogger(BackupEngine.class);

    private final Catalog catalog;
    private final Restic restic;
    private final String host;
    private final Clock clock;

    public BackupEngine(Catalog catalog, Restic restic, String host, Clock clock) {
        this.catalog = catalog;
        this.restic = restic;
        this.host = host;
        this.clock = clock;
    }

    /** Backs up each volume in order. The repository must exist (see {@code RepositoryAccess}). */
    public List<VolumeBackup> backup(List<VolumeRecord> volumes, String trigger, BackupListener listener) {
        List<VolumeBackup> results = new ArrayList<>();
        for (VolumeRecord volume : volumes) {
            if (Thread.currentThread().isInterrupted()) {
                break;
            }
            ClaimRecord claim = catalog.claimById(volume.claimId()).orElseThrow();
            listener.started(claim, volume);
            VolumeBackup result = backupOne(claim, volume, trigger, listener);
            listener.finished(result);
            results.add(result);
            if (RunStates.INTERRUPTED.equals(result.state())) {
                break;
            }
        }
        return results;
    }

    private VolumeBackup backupOne(ClaimRecord claim, VolumeRecord volume, String trigger, BackupListener listener) {
        Instant started = clock.instant();
        long runId = catalog.startRun("backup", claim.id(), volume.id(), host, trigger, started);
        Path dir = Path.of(volume.path());
        try {
            if (!Files.isDirectory(dir)) {
                throw new IOException(dir + " is not a directory any more");
            }
            if (isEmpty(dir)) {
                return skippedEmpty(claim, volume, runId, started);
            }
            List<String> tags = SnapshotTags.of(claim, volume, RootAttributes.read(dir));
            LOG.info("backing up {} ({})", label(claim), dir);
            BackupResult result = restic.backup(new BackupRequest(dir, host, tags),
                    progress -> listener.progress(claim, volume, progress));
            SnapshotRecord snapshot = catalog.addSnapshot(snapshotRecord(claim, volume, runId, started, tags, result));
            String state = result.partial() ? RunStates.PARTIAL : RunStates.OK;
            String error = result.partial()
                    ? "restic could not read " + result.warnings().size() + " item(s); the snapshot is partial"
                            + (result.warnings().isEmpty() ? "" : ": " + result.warnings().get(0))
                    : null;
            catalog.finishRun(runId, state, error, snapshot.resticId(), clock.instant());
            if (result.partial()) {
                LOG.warn("backup of {} is PARTIAL: snapshot {} saved, {}", label(claim), snapshot.shortId(), error);
            } else {
                LOG.info("backed up {}: snapshot {}, {} files, {} bytes added", label(claim), snapshot.shortId(),
                        snapshot.filesTotal(), snapshot.bytesAdded());
            }
            return new VolumeBackup(claim, volume, runId, state, snapshot, error, result.warnings(), since(started));
        } catch (ResticException e) {
            if (affectsEveryVolume(e)) {
                failed(claim, volume, runId, RunStates.FAILED, Failures.message(e), started);
                throw e;
            }
            boolean cancelled = e.kind() == ResticException.Kind.CANCELLED;
            String state = cancelled ? RunStates.INTERRUPTED : RunStates.FAILED;
            return failed(claim, volume, runId, state, Failures.message(e), started);
        } catch (IOException | RuntimeException e) {
            return failed(claim, volume, runId, RunStates.FAILED, Failures.message(e), started);
        }
    }

    private VolumeBackup failed(ClaimRecord claim, VolumeRecord volume, long runId, String state, String error, Instant started) {
        catalog.finishRun(runId, state, error, null, clock.instant());
        LOG.warn("backup of {} {}: {}", label(claim), state, error);
        return new VolumeBackup(claim, volume, runId, state, null, error, List.of(), since(started));
    }

    private VolumeBackup skippedEmpty(ClaimRecord claim, VolumeRecord volume, long runId, Instant started) {
        String reason = "volume is empty: nothing to back up (restic saves no empty snapshots)";
        long before = catalog.snapshotsOf(claim.id()).stream().filter(s -> !s.partial()).findFirst()
                .map(SnapshotRecord::filesTotal).orElse(0L);
        if (before > 0) {
            reason += "; its last snapshot had " + before + " files, so check the volume before trusting it";
        }
        catalog.finishRun(runId, RunStates.SKIPPED, reason, null, clock.instant());
        LOG.warn("backup of {} skipped: {}", label(claim), reason);
        return new VolumeBackup(claim, volume, runId, RunStates.SKIPPED, null, reason, List.of(), since(started));
    }

    private static boolean isEmpty(Path dir) throws IOException {
        try (var entries = Files.list(dir)) {
            return entries.findAny().isEmpty();
        }
    }

    /** A wrong password or a missing repository fails every volume alike: stop and say it once. */
    private static boolean affectsEveryVolume(ResticException e) {
        return switch (e.kind()) {
            case WRONG_PASSWORD, REPOSITORY_MISSING, NOT_INSTALLED, UNSUPPORTED_VERSION -> true;
            default -> false;
        };
    }

    private SnapshotRecord snapshotRecord(ClaimRecord claim, VolumeRecord volume, long runId, Instant started,
            List<String> tags, BackupResult result) {
        BackupSummary s = result.summary();
        String id = s.snapshotId();
        return new SnapshotRecord(0, id, id.substring(0, Math.min(8, id.length())), claim.id(), volume.id(), runId,
                started, host, volume.path(), tags, result.partial(), s.filesNew(), s.filesChanged(),
                s.filesUnmodified(), s.totalFilesProcessed(), s.totalBytesProcessed(), s.dataAdded());
    }

    private Duration since(Instant started) {
        return Duration.between(started, clock.instant());
    }

    static String label(ClaimRecord claim) {
        return claim.namespace() == null ? claim.claimKey() : claim.namespace() + "/" + claim.name();
    }
}
