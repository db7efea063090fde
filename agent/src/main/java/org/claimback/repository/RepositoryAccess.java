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
     * repository whose server answers is asked once whether it opens ({@link RepositoryProbe}), so
     * that wrong credentials fail at once instead of after restic 0.17+'s 15 minutes of retries;
     * a server that does not answer at all is left to the backup's own probe, which records each
     * volume's run.
     */
    public ResticVersion readyForBackup() {
        ResticVersion version = restic.version();
        if (!config.localRepository()) {
            askRemote();
            return version;
        }
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

    private void askRemote() {
        if (new Reachability().probe(restic.settings()).status() == Reachability.Status.UNREACHABLE) {
            return;
        }
        RepositoryProbe.Answer answer = RepositoryProbe.ask(restic, RepositoryProbe.DEFAULT_LIMIT);
        String repository = Restic.redact(config.repository());
        switch (answer.state()) {
            case OPENS, LOCKED, UNREACHABLE -> { } // a server that cannot be reached: the backup records each volume's run

            case MISSING -> throw missing();
            case WRONG_PASSWORD -> throw new ResticException(ResticException.Kind.WRONG_PASSWORD, -1, "restic cat config",
                    List.of(), "wrong password for repository " + repository + ": check passwordFile " + config.passwordFile());
            case NO_ANSWER -> throw new ResticException(ResticException.Kind.FAILED, -1, "restic cat config", List.of(),
                    "repository " + repository + " does not open: " + answer.reason() + ": check its credentials"
                            + (config.repositoryEnvFile() == null ? " (repositoryEnvFile)" : " in " + config.repositoryEnvFile())
                            + " and that its server runs");
        }
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
