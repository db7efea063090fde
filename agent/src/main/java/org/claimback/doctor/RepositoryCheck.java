package org.claimback.doctor;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.claimback.config.Config;
import org.claimback.restic.Restic;

/**
 * {@code repository}: the password opens the repository ({@code restic cat config}). None there:
 * WARN for a local repository, which the first backup creates, unless its directory holds
 * something else (FAIL, as the backup would); FAIL for a remote one, which claimback never
 * creates. A wrong password or an unreachable repository throws: FAIL with restic's one line.
 */
final class RepositoryCheck implements Check {
    static final String NAME = "repository";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public List<String> needs() {
        return List.of(ConfigCheck.NAME, ResticCheck.NAME);
    }

    @Override
    public CheckResult run(DoctorContext ctx) {
        Config config = ctx.requireConfig();
        Restic restic = ctx.restic();
        String shown = Restic.redact(config.repository());
        if (restic.repositoryExists()) {
            return CheckResult.ok(NAME, shown + " opens with the password in " + config.passwordFile());
        }
        if (!config.localRepository()) {
            return CheckResult.fail(NAME, "no restic repository at " + shown + ": claimback never creates a remote one;"
                    + " initialise it once with `restic init` (RESTIC_REPOSITORY as in the config, RESTIC_PASSWORD_FILE="
                    + config.passwordFile() + "), or fix `repository:` in " + config.file());
        }
        Path dir = config.localRepositoryPath();
        if (Files.isDirectory(dir) && !isEmpty(dir)) {
            return CheckResult.fail(NAME, dir + " exists but is not a restic repository (no config file in it), so the"
                    + " first backup cannot create one there: fix `repository:` in " + config.file()
                    + " or choose an empty directory");
        }
        return CheckResult.warn(NAME, "no repository at " + shown + " yet: it is created at the first backup"
                + " (claimback backup --all, or the agent's schedule)");
    }

    private static boolean isEmpty(Path dir) {
        try (Stream<Path> entries = Files.list(dir)) {
            return entries.findAny().isEmpty();
        } catch (IOException e) {
            return false;
        }
    }
}
