package org.claimback.consistency;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.claimback.catalog.Catalog;
import org.claimback.restic.MountView;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.claimback.catalog.ClaimRecord;
import org.claimback.config.Config;
import org.claimback.dump.DumpBackup;
import org.claimback.fssnapshot.BtrfsSnapshots;
import org.claimback.hooks.HookRunner;

/**
 * Everything a backup needs to make volumes consistent, for one config: each claim's settings,
 * the run's filesystem snapshots, database copies, hooks and dumps. {@link #none()} reads every
 * volume live and runs nothing (what a bare {@code BackupEngine} does).
 */
public final class Consistency {
    private static final Logger LOG = LoggerFactory.getLogger(Consistency.class);
    private final Config config;
    private final HookRunner hooks;
    private final VolumePreparation preparation;
    private final BtrfsSnapshots btrfs;
    private final DumpBackup dumps;

    private Consistency(Config config, HookRunner hooks, VolumePreparation preparation, BtrfsSnapshots btrfs, DumpBackup dumps) {
        this.config = config;
        this.hooks = hooks;
        this.preparation = preparation;
        this.btrfs = btrfs;
        this.dumps = dumps;
    }

    /** Live reads only: no hooks, no snapshots, no database copies, no dumps. */
    public static Consistency none() {
        return new Consistency(null, new HookRunner(System.getenv()), null, null, null);
    }

    /** What {@code config} asks for; {@code dumps} takes the claims' dumps. */
    public static Consistency of(Config config, DumpBackup dumps) {
        return new Consistency(config, new HookRunner(System.getenv()),
                new VolumePreparation(config.sqlite().scratch(), config.sqlite().lockWait()), new BtrfsSnapshots(), dumps);
    }

    /** The claim's hooks, database copies and dumps. */
    public ClaimConsistency forClaim(ClaimRecord claim) {
        return config == null ? new ClaimConsistency(null, false, List.of(), List.of()) : ClaimConsistency.of(config, claim);
    }

    /** Takes the filesystem snapshots a run over volumes of these export roots needs. */
    public RunSnapshots snapshots(Collection<Path> exportRoots) {
        if (config == null || config.exports().stream().noneMatch(e -> e.btrfsSnapshot())) {
            return RunSnapshots.none();
        }
        return RunSnapshots.take(config.exports(), exportRoots, btrfs);
    }

    /**
     * Removes what a stopped claimback left behind (at agent start): filesystem snapshots of
     * processes that are gone, and database copies of runs no longer running.
     */
    public void removeLeftovers(Catalog catalog) {
        if (config == null) {
            return;
        }
        RunSnapshots.removeLeftovers(config.exports(), btrfs);
        Path scratch = config.sqlite().scratch();
        if (!Files.isDirectory(scratch)) {
            return;
        }
        try (Stream<Path> entries = Files.list(scratch)) {
            for (Path dir : entries.filter(p -> p.getFileName().toString().matches("run-[0-9]+")).toList()) {
                long runId = Long.parseLong(dir.getFileName().toString().substring("run-".length()));
                boolean running = catalog.runById(runId).map(r -> "running".equals(r.state())).orElse(false);
                if (!running) {
                    LOG.warn("removing database copies a stopped backup left: {}", dir);
                    new PreparedVolume(dir, MountView.LIVE, Set.of(), List.of(), dir).close();
                }
            }
        } catch (IOException e) {
            LOG.warn("cannot look for leftover database copies in {}: {}", scratch, e.toString());
        }
    }

    /** Prepares one volume; null for {@link #none()} (read live). */
    public VolumePreparation preparation() {
        return preparation;
    }

    public HookRunner hookRunner() {
        return hooks;
    }

    /** Takes dumps; null for {@link #none()}. */
    public DumpBackup dumps() {
        return dumps;
    }
}
