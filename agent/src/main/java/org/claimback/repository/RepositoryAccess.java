package org.claimback.repository;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.claimback.config.Config;
import org.claimback.outcome.UserError;
import org.claimback.restic.Restic;
import org.claimback.restic.ResticException;
import org.claimback.restic.ResticVersion;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Checks restic and the repository before work starts, without paying for an extra restic
 * call in the common case: {@code restic version} costs no key derivation, and a local
 * repository exists exactly when its {@code config} file does. A missing local repository is
 * created before the first backup; a missing remote one never is (a typo must not create a new,
 * empty repository somewhere). A wrong password shows up in the first real restic call.
 */
public final class RepositoryAccess {
    private static final Logger LOG = LoggerFactory.getLogger(RepositoryAccess.class);

    private final Config config;
    private final Restic restic;

    public RepositoryAccess(Config config, Restic restic) {
        this.config = config;
        this.restic = restic;
    }

    /**
     * For backups: restic works, and a local repository exists (created when missing). A remote
     * one costs no extra call here: a server that does not answer is found by the backup's probe,
     * and refused credentials by restic's first retry (see restic.RetryWatch).
     */
    public ResticVersion readyForBackup() {
        ResticVersion version = restic.version();
        Path local = config.localRepositoryPath();
        if (local != null && !Files.exists(local.resolve("config"))) {
            if (Files.isDirectory(local) && !isEmpty(local)) {
                throw UserError.usage(local + " exists but is not a restic repository (no config file in it):"
                        + " fix `repository:` in " + config.file() + " or choose an empty directory");
            }
            LOG.info("creating restic repository {}", local);
            restic.init();
        }
        return version;
    }

    /** For restores and listings: restic works and the repository opens; nothing is created. */
    public ResticVersion readyForRestore() {
        ResticVersion version = restic.version();
        Path local = config.localRepositoryPath();
        if (local != null && !Files.exists(local.resolve("config"))) {
            throw missing();
        }
        return version;
    }

    /** Proves the password opens the repository: one restic call, used before anything is moved. */
    public void proveAccess() {
        readyForRestore();
        if (!restic.repositoryExists()) {
            throw missing();
        }
    }

    private static boolean isEmpty(Path dir) {
        try (var entries = Files.list(dir)) {
            return entries.findAny().isEmpty();
        } catch (IOException e) {
            return false;
        }
    }

    private ResticException missing() {
        return new ResticException(ResticException.Kind.REPOSITORY_MISSING, -1, "restic cat config", List.of(),
                "no restic repository at " + Restic.redact(config.repository()) + ": check `repository:` in "
                        + config.file() + (config.localRepository() ? " (claimback creates a local one at the first backup)" : ", or create it with `claimback init`"));
    }
}
