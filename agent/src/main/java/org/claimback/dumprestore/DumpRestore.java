package org.claimback.dumprestore;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.claimback.backup.RunStates;
import org.claimback.catalog.Catalog;
import org.claimback.catalog.ClaimRecord;
import org.claimback.catalog.DumpRecord;
import org.claimback.outcome.ExitCode;
import org.claimback.outcome.Failures;
import org.claimback.outcome.UserError;
import org.claimback.restic.Restic;
import org.claimback.restic.ResticDump;
import org.claimback.restore.AsideName;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes one dump back to a file: {@code restic dump ID /NAME} into a partial file beside it, its
 * size checked against the catalogue (or, when the catalogue does not know it, against the
 * snapshot's own listing), fsync'd, then put in place. An existing file is refused, or with
 * {@code force} moved aside (only once the dump is complete, so a failure leaves it as it was).
 * Every attempt that reaches restic is a {@code restore} run with the file as its target.
 */
public final class DumpRestore {
    private static final Logger LOG = LoggerFactory.getLogger(DumpRestore.class);

    private final Catalog catalog;
    private final Restic restic;
    private final String host;
    private final Clock clock;

    public DumpRestore(Catalog catalog, Restic restic, String host, Clock clock) {
        this.catalog = catalog;
        this.restic = restic;
        this.host = host;
        this.clock = clock;
    }

    /**
     * Refuses a target that cannot be written: a directory, or an existing file without {@code force}.
     * Called by {@link #restore} too; callers may call it first to refuse before any restic call.
     */
    public static void checkTarget(Path file, boolean force) {
        if (Files.isDirectory(file, LinkOption.NOFOLLOW_LINKS)) {
            throw UserError.usage(file + " is a directory: give --to the path of a file to write the dump into");
        }
        if (!force && Files.exists(file, LinkOption.NOFOLLOW_LINKS)) {
            throw UserError.usage(file + " exists: choose another --to or pass --force to move it aside");
        }
    }

    /** Writes {@code dump} (an ok one, see {@link DumpChoice}) of {@code claim} into {@code file}. */
    public RestoredDump restore(ClaimRecord claim, DumpRecord dump, Path file, boolean force, String trigger) {
        Path target = file.toAbsolutePath().normalize();
        checkTarget(target, force);
        Instant started = clock.instant();
        long runId = catalog.startRun("restore", claim.id(), null, host, trigger, started);
        try {
            catalog.recordRunTarget(runId, target.toString(), null, null);
            long expected = expectedBytes(dump);
            Files.createDirectories(target.getParent());
            LOG.info("restoring dump {} snapshot {} of {} into {}", dump.name(), dump.shortId(), claim.claimKey(), target);
            Path aside = null;
            long written;
            try (PartialFile partial = PartialFile.beside(target)) {
                new ResticDump(restic).dump(dump.resticId(), dump.name(), partial.output());
                written = partial.bytesWritten();
                if (written != expected) {
                    throw UserError.failed("restic dump of " + dump.name() + " snapshot " + dump.shortId() + " wrote " + written
                            + " bytes but the dump has " + expected + ": " + target + " was not written; check restic's"
                            + " messages and the repository (`claimback check`), then try again");
                }
                if (Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
                    aside = AsideName.free(target, started, p -> Files.exists(p, LinkOption.NOFOLLOW_LINKS));
                    Files.move(target, aside);
                    LOG.info("moved the existing {} aside to {}", target, aside);
                }
                partial.putInPlace();
            }
            catalog.recordRunTarget(runId, target.toString(), 1L, written);
            catalog.finishRun(runId, RunStates.OK, null, dump.resticId(), clock.instant());
            LOG.info("restored dump {} of {} into {}: {} bytes", dump.name(), claim.claimKey(), target, written);
            return new RestoredDump(claim, dump, target, aside, written, runId, Duration.between(started, clock.instant()));
        } catch (IOException e) {
            throw failed(runId, dump, new UserError(ExitCode.FAILED, "restore of dump " + dump.name() + " into " + target
                    + " failed: " + e.getMessage() + "; " + target + " was not written", e));
        } catch (RuntimeException e) {
            throw failed(runId, dump, e);
        }
    }

    /** The catalogue's size; 0 means not known (rebuilt from a repository without summaries): restic ls tells it. */
    private long expectedBytes(DumpRecord dump) {
        if (dump.bytes() > 0) {
            return dump.bytes();
        }
        long[] size = {-1};
        restic.ls(dump.resticId(), node -> {
            if (node.path().equals("/" + dump.name()) && node.regularFile()) {
                size[0] = node.size();
            }
        });
        if (size[0] < 0) {
            throw UserError.failed("snapshot " + dump.shortId() + " holds no file /" + dump.name()
                    + ": it is not a dump claimback made; list the claim's dumps with `claimback backups`");
        }
        return size[0];
    }

    private RuntimeException failed(long runId, DumpRecord dump, RuntimeException e) {
        catalog.finishRun(runId, RunStates.FAILED, Failures.message(e), dump.resticId(), clock.instant());
        return e;
    }
}
