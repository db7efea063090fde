package org.claimback.schedule;

import java.util.List;
import java.util.Optional;
import org.claimback.backup.BackupListener;
import org.claimback.backup.VolumeBackup;
import org.claimback.catalog.VolumeRecord;
import org.claimback.catalogcopy.CatalogBackup;
import org.claimback.catalogcopy.CatalogCopy;
import org.claimback.engine.Engine;
import org.claimback.outcome.ExitCode;
import org.claimback.outcome.Failures;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One backup of every live volume: sync discovery, check the repository, back up, summarise; and
 * after it, a copy of the catalogue into the repository.
 */
public final class BackupAll {
    private static final Logger LOG = LoggerFactory.getLogger(BackupAll.class);

    private BackupAll() {}

    /** The live volumes a full backup covers, after bringing the catalogue in step with the exports. */
    public static List<VolumeRecord> liveVolumes(Engine engine) {
        engine.claimSync().sync();
        return engine.catalog().volumes().stream().filter(v -> v.state().equals("live")).toList();
    }

    public static List<VolumeBackup> run(Engine engine, String trigger, BackupListener listener) {
        return run(engine, trigger, listener, claim -> true, false);
    }

    /**
     * Backs up the live volumes of the claims {@code claims} accepts (e.g. those of one schedule);
     * {@code full} bypasses the unchanged-volume check.
     */
    public static List<VolumeBackup> run(Engine engine, String trigger, BackupListener listener,
            java.util.function.Predicate<org.claimback.catalog.ClaimRecord> claims, boolean full) {
        List<VolumeRecord> volumes = liveVolumes(engine).stream()
                .filter(v -> engine.catalog().claimById(v.claimId()).map(claims::test).orElse(false)).toList();
        if (volumes.isEmpty()) {
            LOG.info("no live volumes under {}: nothing to back up", engine.config().exports());
            return List.of();
        }
        engine.repositoryAccess().readyForBackup();
        List<VolumeBackup> results = engine.backupEngine().backup(volumes, trigger, listener, full);
        ExitCode worst = results.stream().map(VolumeBackup::exitCode).reduce(ExitCode.OK, ExitCode::worst);
        long failed = results.stream().filter(r -> r.exitCode() == ExitCode.FAILED).count();
        long partial = results.stream().filter(r -> r.exitCode() == ExitCode.PARTIAL).count();
        long suspicious = results.stream().filter(r -> r.state().equals(org.claimback.backup.RunStates.SUSPICIOUS)).count();
        long unchanged = results.stream().filter(r -> r.state().equals(org.claimback.backup.RunStates.SKIPPED_UNCHANGED)).count();
        LOG.info("backup of {} volume(s) finished: {} ok ({} of them unchanged, no restic run), {} partial, {} suspicious,"
                + " {} failed (worst: {})", results.size(), results.size() - failed - partial, unchanged, partial, suspicious,
                failed - suspicious, worst.name().toLowerCase(java.util.Locale.ROOT));
        return results;
    }

    /**
     * Copies the catalogue into the repository after a backup of all volumes. A failure is logged
     * as an error and never thrown: it changes nothing about the backup's own result.
     */
    public static Optional<CatalogCopy> copyCatalog(Engine engine, String trigger) {
        try {
            return Optional.of(CatalogBackup.of(engine).run(trigger));
        } catch (RuntimeException e) {
            LOG.error("catalogue backup failed (the volumes' backups are not affected): {}", Failures.message(e));
            return Optional.empty();
        }
    }
}
