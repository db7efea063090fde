package org.claimback.doctor;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;
import org.claimback.config.Config;
import org.claimback.config.ConfigLoader;
import org.claimback.engine.Engine;
import org.claimback.exports.ExportsTable;
import org.claimback.restic.Restic;

/**
 * What the checks read: the config (or why it did not load), the export table's files, and
 * restic for the configured repository. Building one never throws and runs nothing; restic and
 * the export table are made on first use, and the table is read once.
 */
public final class DoctorContext {
    private final Path configFile;
    private final Config config;
    private final RuntimeException configError;
    private final Path etcExports;
    private final Path exportsD;
    private Restic restic;
    private final java.util.Map<String, Restic> copyRestics = new java.util.HashMap<>();
    private ExportsTable exports;

    private DoctorContext(Path configFile, Config config, RuntimeException configError, Path etcExports, Path exportsD) {
        this.configFile = Objects.requireNonNull(configFile, "configFile");
        this.config = config;
        this.configError = configError;
        this.etcExports = Objects.requireNonNull(etcExports, "etcExports");
        this.exportsD = Objects.requireNonNull(exportsD, "exportsD");
    }

    /**
     * Loads {@code configFile}; a config that does not load (for any reason) is kept as the
     * error the {@code config} check reports.
     */
    public static DoctorContext load(Path configFile, Path etcExports, Path exportsD) {
        try {
            return of(ConfigLoader.load(configFile), etcExports, exportsD);
        } catch (RuntimeException e) {
            return withoutConfig(configFile, e, etcExports, exportsD);
        }
    }

    /** With a loaded config. */
    public static DoctorContext of(Config config, Path etcExports, Path exportsD) {
        Objects.requireNonNull(config, "config");
        return new DoctorContext(config.file(), config, null, etcExports, exportsD);
    }

    /** With the reason {@code configFile} did not load. */
    public static DoctorContext withoutConfig(Path configFile, RuntimeException error, Path etcExports, Path exportsD) {
        return new DoctorContext(configFile, null, Objects.requireNonNull(error, "error"), etcExports, exportsD);
    }

    public Path configFile() {
        return configFile;
    }

    /** The config, when it loaded. */
    public Optional<Config> config() {
        return Optional.ofNullable(config);
    }

    /** Why the config did not load, when it did not. */
    public Optional<RuntimeException> configError() {
        return Optional.ofNullable(configError);
    }

    /** The config; for checks that {@linkplain Check#needs() need} {@code config}. */
    public Config requireConfig() {
        if (config == null) {
            throw new IllegalStateException("the config did not load: " + configError.getMessage());
        }
        return config;
    }

    /** restic for the configured repository ({@link Engine#resticSettings(Config)}), made once. */
    public synchronized Restic restic() {
        if (restic == null) {
            restic = new Restic(Engine.resticSettings(requireConfig()));
        }
        return restic;
    }

    /**
     * restic for {@code target}: {@link #restic()} for the primary, else one made once per copy
     * ({@link Engine#resticSettings(Config, org.claimback.config.RepositoryConfig)}: a bad env file is a usage error).
     */
    public synchronized Restic restic(org.claimback.config.RepositoryConfig target) {
        if (target.name().equals(org.claimback.config.RepositoryConfig.PRIMARY)) {
            return restic();
        }
        return copyRestics.computeIfAbsent(target.name(), name -> new Restic(Engine.resticSettings(requireConfig(), target)));
    }

    /** Usually {@code /etc/exports}. */
    public Path etcExports() {
        return etcExports;
    }

    /** Usually {@code /etc/exports.d}. */
    public Path exportsD() {
        return exportsD;
    }

    /** The export table, read on first use. */
    public synchronized ExportsTable exports() {
        if (exports == null) {
            exports = ExportsTable.read(etcExports, exportsD);
        }
        return exports;
    }

    /** "/etc/exports or /etc/exports.d", for messages. */
    String exportsFiles() {
        return etcExports + " or " + exportsD;
    }
}
