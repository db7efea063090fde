package org.claimback.catalogcopy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.claimback.catalog.Catalog;
import org.claimback.catalog.CatalogException;
import org.claimback.claims.ClaimSync;
import org.claimback.config.Config;
import org.claimback.config.RepositoryConfig;
import org.claimback.discovery.DiscoveredVolume;
import org.claimback.discovery.Discovery;
import org.claimback.engine.Engine;
import org.claimback.outcome.ExitCode;
import org.claimback.outcome.Failures;
import org.claimback.outcome.UserError;
import org.claimback.repository.RepositoryAccess;
import org.claimback.restic.RestoreRequest;
import org.claimback.restic.Restic;
import org.claimback.restic.ResticException;
import org.claimback.restic.Snapshot;
import org.claimback.restic.SnapshotFilter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code claimback catalog rebuild}: a new catalogue from the repository, in this order, so that
 * a failure at any step before the swap changes nothing:
 * <ol>
 *   <li>one {@code restic snapshots} of the whole repository (a wrong password or a missing
 *       repository fails here, before anything is touched);</li>
 *   <li>in a scratch directory beside the catalogue: the newest catalogue copy of this host,
 *       restored with restic and opened (older schemas migrate), its running runs ended; or, with
 *       {@code --from-tags-only} or no copy, a new empty catalogue;</li>
 *   <li>the repository's truth merged in ({@link TagMerge});</li>
 *   <li>the swap: the existing catalogue and its -wal/-shm moved aside, dated, never deleted;
 *       the new one renamed into place;</li>
 *   <li>one sync of the exports, so live directories are mapped.</li>
 * </ol>
 * The agent must be stopped first: a running agent keeps writing to the file it opened.
 * {@link #fromCopy} reads an offsite copy instead of the repository, the same way.
 *
 * <p>{@link #rebuild(boolean, boolean) With all hosts} ({@code --all-hosts}), the snapshots of every
 * host in the repository are merged, not only this host's: a machine that backs up nothing (or
 * other claims) can then list and restore the claims of every server sharing the repository.
 * Volumes of other hosts' snapshots are {@code missing} here (they are on another server's disk).
 */
public final class CatalogRebuild {
    private static final Logger LOG = LoggerFactory.getLogger(CatalogRebuild.class);

    private final Config config;
    private final Restic restic;
    private final Clock clock;
    private final RepositoryConfig from;

    public CatalogRebuild(Config config, Restic restic, Clock clock) {
        this(config, restic, clock, null);
    }

    private CatalogRebuild(Config config, Restic restic, Clock clock, RepositoryConfig from) {
        this.config = config;
        this.restic = restic;
        this.clock = clock;
        this.from = from;
    }

    public static CatalogRebuild of(Config config) {
        return new CatalogRebuild(config, new Restic(Engine.resticSettings(config)), Clock.systemUTC());
    }

    /**
     * A rebuild from the offsite copy {@code copyName} (when the primary repository is lost): its
     * snapshots enter the catalogue under their primary ids ({@link OriginalIds}), each with a
     * copy record naming its id in the copy, so {@code restore --from} reads them there.
     */
    public static CatalogRebuild fromCopy(Config config, String copyName) {
        RepositoryConfig copy = Engine.requireCopy(config, copyName);
        return new CatalogRebuild(config, new Restic(Engine.resticSettings(config, copy)), Clock.systemUTC(), copy);
    }

    public RebuildResult rebuild(boolean fromTagsOnly) {
        return rebuild(fromTagsOnly, false);
    }

    /** {@link #rebuild(boolean)}; with {@code allHosts}, the claim snapshots and dumps of every host. */
    public RebuildResult rebuild(boolean fromTagsOnly, boolean allHosts) {
        Path target = config.catalog().toAbsolutePath().normalize();
        if (Files.isDirectory(target)) {
            throw UserError.usage("catalogue " + target + " is a directory: point `catalog:` in " + config.file() + " at a file");
        }
        new RepositoryAccess(from == null ? config : config.withRepository(from), restic).readyForRestore();
        List<Snapshot> listed = restic.snapshots(SnapshotFilter.ALL);
        OriginalIds ids = from == null ? null : OriginalIds.of(listed);
        List<Snapshot> all = ids == null ? listed : ids.originals();
        RepositoryListing listing = allHosts ? RepositoryListing.ofAllHosts(all, config.host())
                : RepositoryListing.of(all, config.host());
        refuseOtherHostsOnly(listing);
        Instant now = clock.instant();
        Snapshot copy = fromTagsOnly ? null : listing.newestCopy().orElse(null);
        String copyNote = fromTagsOnly ? "--from-tags-only: catalogue copies were not used"
                : copy == null ? "the repository holds no catalogue copy of host " + config.host()
                        + ": rebuilt from the snapshot tags alone" : null;
        Map<String, DiscoveredVolume> onDisk = scan();

        Path scratch;
        try {
            scratch = ScratchDirectory.besides(target, "claimback-rebuild");
        } catch (IOException e) {
            throw new UserError(ExitCode.FAILED, "cannot make a scratch directory beside " + target + " (" + e
                    + "): check free space and permissions there; nothing was changed", e);
        }
        boolean keepScratch = false;
        List<Path> aside;
        MergeCounts merged;
        int interrupted = 0;
        try {
            Path built = copy == null ? scratch.resolve(CatalogTags.FILE)
                    : restoreCopy(ids == null ? copy.id() : ids.ownId(copy.id()), copy, scratch);
            try (Catalog catalog = copy == null ? Catalog.open(built) : openCopy(built, copy)) {
                if (copy != null) {
                    interrupted = catalog.markAllRunningInterrupted(now, "still running when catalogue copy "
                            + copy.shortId() + " was made; its outcome is not known");
                }
                merged = new TagMerge(config, catalog, onDisk, now).merge(listing.claimSnapshots(), listing.allIds());
                DumpMerge.Counts dumps = new DumpMerge(catalog).merge(listing.dumps(), listing.allIds());
                LOG.info("dumps from the repository: {} added, {} dropped (forgotten), {} without a claim or name",
                        dumps.added(), dumps.dropped(), dumps.unusable());
                if (ids != null) {
                    int held = ids.record(catalog, from.name(), now);
                    LOG.info("copy {} holds {} snapshots of the catalogue, recorded under their ids there", from.name(), held);
                }
            }
            aside = SqliteFiles.moveAside(target, now);
            if (!aside.isEmpty()) {
                LOG.info("moved the previous catalogue aside: {}", aside);
            }
            try {
                SqliteFiles.move(built, target, "putting the rebuilt catalogue in place");
            } catch (UserError e) {
                keepScratch = true;
                throw new UserError(ExitCode.FAILED, Failures.message(e) + (aside.isEmpty() ? ""
                        : "; the previous catalogue is at " + aside.get(0)) + "; the rebuilt one stays in " + scratch, e);
            }
        } finally {
            if (!keepScratch) {
                ScratchDirectory.remove(scratch);
            }
        }
        return afterSync(target, copy, copyNote, merged, interrupted, listing, aside);
    }

    private void refuseOtherHostsOnly(RepositoryListing listing) {
        if (listing.claimSnapshots().isEmpty() && listing.copies().isEmpty() && !listing.otherHosts().isEmpty()) {
            Set<String> hosts = listing.otherHostNames();
            throw UserError.usage("the repository holds " + listing.otherHosts().size() + " claimback snapshots, none of host "
                    + config.host() + " (they are of " + String.join(", ", hosts) + "): set `host: "
                    + hosts.iterator().next() + "` in " + config.file() + " (the host that made them) and run again, or pass --all-hosts to take every"
                    + " host's; nothing was changed");
        }
    }

    private Map<String, DiscoveredVolume> scan() {
        Map<String, DiscoveredVolume> byPath = new HashMap<>();
        new Discovery(Set.copyOf(config.namespaces())).scan(ClaimSync.roots(config)).volumes()
                .forEach(v -> byPath.put(v.path().toString(), v));
        return byPath;
    }

    private Path restoreCopy(String resticId, Snapshot copy, Path scratch) {
        Path into = scratch.resolve("copy");
        try {
            restic.restore(new RestoreRequest(resticId, into, false));
        } catch (ResticException e) {
            throw unusable(copy, Failures.message(e), e);
        }
        Path file = into.resolve(CatalogTags.FILE);
        if (!Files.isRegularFile(file)) {
            throw unusable(copy, "it holds no " + CatalogTags.FILE, null);
        }
        return file;
    }

    private Catalog openCopy(Path file, Snapshot copy) {
        try {
            return Catalog.openExisting(file);
        } catch (CatalogException e) {
            throw unusable(copy, e.getMessage(), e);
        }
    }

    private static UserError unusable(Snapshot copy, String why, Throwable cause) {
        return new UserError(ExitCode.FAILED, "catalogue copy " + copy.shortId() + " of " + copy.time() + " cannot be used ("
                + why + "); nothing was changed: rebuild from the snapshot tags alone with"
                + " `claimback catalog rebuild --from-tags-only`", cause);
    }

    private RebuildResult afterSync(Path target, Snapshot copy, String copyNote, MergeCounts merged, int interrupted,
            RepositoryListing listing, List<Path> aside) {
        List<String> problems = new ArrayList<>();
        int claims;
        int volumes;
        int snapshots;
        try (Engine engine = Engine.open(config)) {
            try {
                problems.addAll(engine.claimSync().sync().problems());
            } catch (RuntimeException e) {
                problems.add("the sync of the exports after the rebuild failed (" + Failures.message(e)
                        + "); the catalogue is rebuilt, and every command syncs again");
            }
            claims = engine.catalog().claims().size();
            volumes = engine.catalog().volumes().size();
            snapshots = engine.catalog().snapshots().size();
        }
        RebuildResult.CopyUsed used = copy == null ? null : new RebuildResult.CopyUsed(copy.id(), copy.shortId(),
                copy.time(), CatalogTags.schemaVersion(copy.tags()).orElse(null));
        LOG.info("rebuilt the catalogue {}: copy {}, {} snapshots added from tags, {} dropped", target,
                copy == null ? "none" : copy.shortId(), merged.snapshotsAdded(), merged.snapshotsDropped());
        return new RebuildResult(target, used, copyNote, merged, interrupted, listing.otherHosts().size(), aside, claims,
                volumes, snapshots, problems);
    }
}
