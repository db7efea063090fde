package org.claimback.engine;

import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.claimback.backup.BackupEngine;
import org.claimback.catalog.Catalog;
import org.claimback.claims.ClaimResolver;
import org.claimback.claims.ClaimSync;
import org.claimback.claims.InventoryFiles;
import org.claimback.config.Config;
import org.claimback.config.ExportConfig;
import org.claimback.discovery.Discovery;
import org.claimback.repository.RepositoryAccess;
import org.claimback.restic.Restic;
import org.claimback.restic.ResticSettings;
import org.claimback.restore.RestoreEngine;

/** claimback's parts, wired together for one config. Close it to close the catalogue. */
public final class Engine implements AutoCloseable {
    private final Config config;
    private final Catalog catalog;
    private final Restic restic;
    private final Clock clock;
    private final ClaimSync claimSync;
    private final StopSignal stopSignal = new StopSignal();
    private final org.claimback.notify.Notifier notifier;

    private Engine(Config config, Catalog catalog, Restic restic, Clock clock) {
        this.config = config;
        this.catalog = catalog;
        this.restic = restic;
        this.clock = clock;
        this.notifier = org.claimback.notify.Notifiers.from(config.notifications(), config.host());
        this.claimSync = new ClaimSync(config, catalog, new Discovery(java.util.Set.copyOf(config.namespaces())),
                new InventoryFiles(config.inventoryFiles()), clock);
    }

    /** Opens the catalogue (creating it when missing) and prepares restic for this config. */
    public static Engine open(Config config) {
        Catalog catalog = Catalog.open(config.catalog());
        return new Engine(config, catalog, new Restic(resticSettings(config)), Clock.systemUTC());
    }

    /** How restic reaches the primary repository. */
    public static ResticSettings resticSettings(Config config) {
        return resticSettings(config, config.primary());
    }

    /**
     * How restic reaches {@code target} (the primary or a copy): its env file read now (a bad one
     * is a usage error naming it), its {@code -o} options and the config's bandwidth limits.
     */
    public static ResticSettings resticSettings(Config config, org.claimback.config.RepositoryConfig target) {
        Map<String, String> env = Map.of();
        if (target.envFile() != null) {
            try {
                env = org.claimback.config.RepositoryEnvFile.read(target.envFile());
            } catch (IllegalArgumentException e) {
                throw org.claimback.outcome.UserError.usage("repositoryEnvFile of " + target.name() + " in " + config.file()
                        + ": " + e.getMessage());
            }
        }
        List<String> flags = new java.util.ArrayList<>();
        target.options().forEach(option -> {
            flags.add("-o");
            flags.add(option);
        });
        if (config.limits().uploadKiBs() > 0) {
            flags.add("--limit-upload");
            flags.add(Integer.toString(config.limits().uploadKiBs()));
        }
        if (config.limits().downloadKiBs() > 0) {
            flags.add("--limit-download");
            flags.add(Integer.toString(config.limits().downloadKiBs()));
        }
        return new ResticSettings(config.restic().binary(), target.repository(), target.passwordFile(), env,
                config.restic().cacheDir(), flags);
    }

    /** restic for the copy of this name, or a usage error naming the copies there are. */
    public Restic copyRestic(String name) {
        return new Restic(resticSettings(config, requireCopy(config, name)));
    }

    /** The copy of this name in {@code config}, or a usage error naming the copies there are. */
    public static org.claimback.config.RepositoryConfig requireCopy(Config config, String name) {
        org.claimback.config.RepositoryConfig copy = config.copy(name);
        if (copy == null) {
            throw org.claimback.outcome.UserError.usage("no copy named " + name + " in " + config.file() + ": "
                    + (config.copies().isEmpty() ? "add one under `copies:`"
                            : "the copies are " + String.join(", ", config.copies().stream().map(c -> c.name()).toList())));
        }
        return copy;
    }

    public Config config() {
        return config;
    }

    public Catalog catalog() {
        return catalog;
    }

    public Restic restic() {
        return restic;
    }

    public Clock clock() {
        return clock;
    }

    /** One per engine, so the agent re-reads inventory files only when they change. */
    public ClaimSync claimSync() {
        return claimSync;
    }

    public ClaimResolver claimResolver() {
        return new ClaimResolver(catalog);
    }

    public BackupEngine backupEngine() {
        return new BackupEngine(catalog, restic, config.host(), clock,
                new BackupEngine.Settings(config.backup().parallel(), config.backup().shrinkGuardPercent(),
                        config.agent().lockWait()),
                volumeLocks(), repositoryGate(), notifier(), stopSignal, consistency());
    }

    /** Hooks, filesystem snapshots, SQLite copies and dumps as the config asks. */
    public org.claimback.consistency.Consistency consistency() {
        return org.claimback.consistency.Consistency.of(config,
                new org.claimback.dump.DumpBackup(catalog, restic, config.host(), clock, config.agent().lockWait()));
    }

    public RestoreEngine restoreEngine() {
        List<Path> roots = config.exports().stream().map(ExportConfig::path).toList();
        return new RestoreEngine(catalog, restic, repositoryAccess(), config.host(), roots, clock);
    }

    /** Locks on single volumes, shared with every claimback process on this catalogue. */
    public org.claimback.locks.VolumeLocks volumeLocks() {
        return org.claimback.locks.VolumeLocks.beside(config.catalog());
    }

    /** The gate between backups (shared) and forget, prune, check (exclusive), across processes. */
    public org.claimback.locks.RepositoryGate repositoryGate() {
        return org.claimback.locks.RepositoryGate.beside(config.catalog());
    }

    /** Set on SIGTERM: running work may finish, nothing new starts. */
    public StopSignal stopSignal() {
        return stopSignal;
    }

    /** Each claim's schedule and retention policy. */
    public org.claimback.schedule.ClaimSchedules claimSchedules() {
        return new org.claimback.schedule.ClaimSchedules(config);
    }

    /** Where notifications go: the config's {@code notify:} targets, sent in the background. */
    public org.claimback.notify.Notifier notifier() {
        return notifier;
    }

    public RepositoryAccess repositoryAccess() {
        return new RepositoryAccess(config, restic);
    }

    @Override
    public void close() {
        notifier.close(); // lets queued notifications leave (bounded wait) before a command exits
        catalog.close();
    }
}
