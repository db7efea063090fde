package org.claimback.doctor;

import org.claimback.repository.RepositoryProbe;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.claimback.config.Config;
import org.claimback.config.RepositoryConfig;
import org.claimback.restic.Restic;

/**
 * {@code repository} (the primary) and {@code repository copy NAME} (one per {@code copies[]}
 * entry): the repository answers and its password opens it ({@code restic cat config}, asked
 * through {@link RepositoryProbe} so an unreachable server is reported within seconds even where
 * restic would retry for minutes).
 *
 * <ul>
 *   <li>Opens: OK. Locked: OK (the lock is read after the key, so the password is right).</li>
 *   <li>No answer (server down, refused, credentials refused, ssh failing): FAIL naming the
 *       repository, redacted, with restic's reason and what to check; never a credential.</li>
 *   <li>Wrong password: FAIL, worded apart from "no answer".</li>
 *   <li>None there: the primary: WARN for a local repository, which the first backup creates,
 *       unless its directory holds something else (FAIL); FAIL for a remote one, which claimback
 *       never creates. A copy: WARN, since the first copy run creates it.</li>
 * </ul>
 */
final class RepositoryCheck implements Check {
    static final String NAME = "repository";

    private final String copy;
    private final Duration limit;

    /** The primary repository's check. */
    RepositoryCheck() {
        this(null, RepositoryProbe.DEFAULT_LIMIT);
    }

    /** The check of the copy {@code copy} ({@code copies[].name}), or of the primary when null. */
    RepositoryCheck(String copy) {
        this(copy, RepositoryProbe.DEFAULT_LIMIT);
    }

    /** With a time limit for a repository that neither answers nor errs. */
    RepositoryCheck(String copy, Duration limit) {
        this.copy = copy;
        this.limit = limit;
    }

    @Override
    public String name() {
        return copy == null ? NAME : NAME + " copy " + copy;
    }

    @Override
    public List<String> needs() {
        return List.of(ConfigCheck.NAME, ResticCheck.NAME);
    }

    @Override
    public CheckResult run(DoctorContext ctx) {
        Config config = ctx.requireConfig();
        RepositoryConfig target = copy == null ? config.primary() : config.copy(copy);
        if (target == null) {
            return CheckResult.fail(name(), "no copy named " + copy + " in " + config.file());
        }
        Restic restic = ctx.restic(target);
        String shown = Restic.redact(target.repository());
        RepositoryProbe.Answer answer = RepositoryProbe.ask(restic, limit);
        return switch (answer.state()) {
            case OPENS, LOCKED -> CheckResult.ok(name(), shown + " opens with the password in " + target.passwordFile());
            case WRONG_PASSWORD -> CheckResult.fail(name(), "wrong password for repository " + shown + ": check "
                    + passwordKey() + " " + target.passwordFile() + " (the repository answered, the password does not open it)");
            case NO_ANSWER, UNREACHABLE -> CheckResult.fail(name(), "repository " + shown + " does not answer: " + answer.reason()
                    + ": check that its server runs and is reachable from here" + credentialsHint(target));
            case MISSING -> missing(config, target, shown);
        };
    }

    private CheckResult missing(Config config, RepositoryConfig target, String shown) {
        if (copy != null) {
            return CheckResult.warn(name(), "no repository at " + shown + " yet: the first copy creates it with the primary's"
                    + " chunker parameters (claimback copy --to " + copy + ", or the agent after a scheduled backup)");
        }
        if (!config.localRepository()) {
            return CheckResult.fail(name(), "no restic repository at " + shown + ": claimback never creates a remote one;"
                    + " initialise it once with `restic init` (RESTIC_REPOSITORY as in the config, RESTIC_PASSWORD_FILE="
                    + target.passwordFile() + "), or fix `repository:` in " + config.file());
        }
        Path dir = config.localRepositoryPath();
        if (Files.isDirectory(dir) && !isEmpty(dir)) {
            return CheckResult.fail(name(), dir + " exists but is not a restic repository (no config file in it), so the"
                    + " first backup cannot create one there: fix `repository:` in " + config.file()
                    + " or choose an empty directory");
        }
        return CheckResult.warn(name(), "no repository at " + shown + " yet: it is created at the first backup"
                + " (claimback backup --all, or the agent's schedule)");
    }

    private String passwordKey() {
        return copy == null ? "passwordFile" : "copies[" + copy + "].passwordFile";
    }

    private String credentialsHint(RepositoryConfig target) {
        if (target.envFile() != null) {
            return ", and the credentials in " + target.envFile();
        }
        if (!target.options().isEmpty()) {
            return ", and its repositoryOptions";
        }
        return "";
    }

    private static boolean isEmpty(Path dir) {
        try (Stream<Path> entries = Files.list(dir)) {
            return entries.findAny().isEmpty();
        } catch (IOException e) {
            return false;
        }
    }
}
