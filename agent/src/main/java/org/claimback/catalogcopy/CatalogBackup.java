package org.claimback.catalogcopy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import org.claimback.backup.RunStates;
import org.claimback.catalog.Catalog;
import org.claimback.engine.Engine;
import org.claimback.outcome.ExitCode;
import org.claimback.outcome.Failures;
import org.claimback.outcome.UserError;
import org.claimback.repository.RepositoryAccess;
import org.claimback.restic.BackupRequest;
import org.claimback.restic.BackupResult;
import org.claimback.restic.Restic;
import org.claimback.restic.ResticException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Stores a copy of the catalogue in the repository: SQLite's online backup into a private scratch
 * directory, then {@code cd SCRATCH && restic backup .} tagged {@code claimback-catalog} and
 * {@code schema=<version>} under the pinned host. Recorded as a {@code catalog-backup} run (no
 * claim); the run is still {@code running} inside the copy it makes.
 */
public final class CatalogBackup {
    private static final Logger LOG = LoggerFactory.getLogger(CatalogBackup.class);

    private final Catalog catalog;
    private final Restic restic;
    private final RepositoryAccess access;
    private final String host;
    private final Clock clock;
    /** Taken when the copy runs, so a catalogue directory that can't hold the lock files fails that run, recorded. */
    private final java.util.function.Supplier<org.claimback.locks.RepositoryGate> gate;
    private final org.claimback.repository.StaleLocks staleLocks;

    /** The copy is a backup like a volume's: a shared pass of the gate, past stale locks of this host. */
    public CatalogBackup(Catalog catalog, Restic restic, RepositoryAccess access, String host, Clock clock,
            java.util.function.Supplier<org.claimback.locks.RepositoryGate> gate, java.time.Duration lockWait) {
        this.catalog = catalog;
        this.restic = restic;
        this.access = access;
        this.host = host;
        this.clock = clock;
        this.gate = gate;
        this.staleLocks = new org.claimback.repository.StaleLocks(restic, lockWait);
    }

    public static CatalogBackup of(Engine engine) {
        return new CatalogBackup(engine.catalog(), engine.restic(), engine.repositoryAccess(), engine.config().host(),
                engine.clock(), engine::repositoryGate, engine.config().agent().lockWait());
    }

    /**
     * Copies the catalogue into the repository (creating a missing local repository, as a backup
     * does). Throws after recording the run as failed (or interrupted) when anything fails.
     *
     * @param trigger {@code cli} or {@code schedule}
     */
    public CatalogCopy run(String trigger) {
        Instant started = clock.instant();
        long runId = catalog.startRun("catalog-backup", null, null, host, trigger, started);
        Path scratch = null;
        try {
            access.readyForBackup();
            scratch = ScratchDirectory.besides(catalog.file(), "claimback-catalog-copy");
            Path copy = scratch.resolve(CatalogTags.FILE);
            catalog.backupTo(copy);
            long bytes = Files.size(copy);
            int schema = catalog.schemaVersion();
            Path directory = scratch;
            BackupResult result;
            try (org.claimback.locks.RepositoryGate.Permit permit = gate.get().shared("catalogue copy")) {
                result = staleLocks.around("catalogue copy",
                        () -> restic.backup(new BackupRequest(directory, host, CatalogTags.of(schema)), null));
            }
            String id = result.summary().snapshotId();
            if (result.partial()) {
                throw UserError.failed("restic could not read all of the catalogue copy " + copy + " (snapshot " + id
                        + " is partial): " + (result.warnings().isEmpty() ? "see the log" : result.warnings().get(0))
                        + "; check the disk of " + catalog.file().getParent() + " and run `claimback catalog backup` again");
            }
            catalog.finishRun(runId, RunStates.OK, null, id, clock.instant());
            LOG.info("copied the catalogue {} ({} bytes, schema {}) into the repository: snapshot {}", catalog.file(), bytes,
                    schema, id);
            return new CatalogCopy(runId, id, id.substring(0, Math.min(8, id.length())), started, host, schema, bytes);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw recorded(runId, new ResticException(ResticException.Kind.CANCELLED, ResticException.NO_EXIT_CODE,
                    "restic backup", java.util.List.of(), "the catalogue copy was cancelled before it started"));
        } catch (IOException e) {
            throw recorded(runId, new UserError(ExitCode.FAILED, "cannot copy the catalogue " + catalog.file() + " ("
                    + e + "): check free space and permissions in " + catalog.file().getParent(), e));
        } catch (RuntimeException e) {
            throw recorded(runId, e);
        } finally {
            ScratchDirectory.remove(scratch);
        }
    }

    private RuntimeException recorded(long runId, RuntimeException e) {
        boolean cancelled = e instanceof ResticException r && r.kind() == ResticException.Kind.CANCELLED;
        catalog.finishRun(runId, cancelled ? RunStates.INTERRUPTED : RunStates.FAILED, Failures.message(e), null,
                clock.instant());
        return e;
    }
}
