package org.claimback.doctor;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.claimback.config.Config;
import org.claimback.config.NotifyTarget;
import org.claimback.config.RepositoryConfig;

/**
 * {@code secret-files}: the other files that hold secrets are private like the password file
 * (no access for group or others, owned by root or the user running claimback): the status
 * endpoint's bearer token ({@code status.tokenFile}), the notification targets' tokens
 * ({@code notify[].tokenFile}), the repository's credentials ({@code repositoryEnvFile}) and each
 * copy's password and credentials ({@code copies[].passwordFile}, {@code copies[].repositoryEnvFile}).
 * OK when none is configured. The secrets are never read. (An env file open to group or others
 * never gets here: the config refuses to load, and the {@code config} check says {@code chmod 600}.)
 */
final class SecretFilesCheck implements Check {
    static final String NAME = "secret-files";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public List<String> needs() {
        return List.of(ConfigCheck.NAME);
    }

    @Override
    public CheckResult run(DoctorContext ctx) {
        Config config = ctx.requireConfig();
        List<SecretFile> files = secretFiles(config);
        if (files.isEmpty()) {
            return CheckResult.ok(NAME, "no token or credential files configured (status.tokenFile, notify[].tokenFile,"
                    + " repositoryEnvFile, copies[])");
        }
        List<CheckResult> results = files.stream()
                .map(f -> PasswordFileCheck.privateFile(NAME, f.path(), f.holds(), f.key(), config.file())).toList();
        for (Status worst : List.of(Status.FAIL, Status.WARN)) {
            List<String> bad = results.stream().filter(r -> r.status() == worst).map(CheckResult::detail).toList();
            if (!bad.isEmpty()) {
                return worst == Status.FAIL ? CheckResult.fail(NAME, String.join("; ", bad)) : CheckResult.warn(NAME, String.join("; ", bad));
            }
        }
        boolean tokensOnly = files.stream().allMatch(f -> f.key().endsWith("tokenFile"));
        return CheckResult.ok(NAME, files.size() + (tokensOnly ? " token file(s)" : " secret file(s)") + " private: "
                + files.stream().map(f -> f.path().toString()).toList());
    }

    /** A file holding a secret: where, what it holds and the config key naming it. */
    private record SecretFile(Path path, String holds, String key) {}

    private static List<SecretFile> secretFiles(Config config) {
        List<SecretFile> files = new ArrayList<>();
        if (config.status().tokenFile() != null) {
            files.add(new SecretFile(config.status().tokenFile(), "the status endpoint's token", "status.tokenFile"));
        }
        for (NotifyTarget target : config.notifications()) {
            if (target.tokenFile() != null) {
                files.add(new SecretFile(target.tokenFile(), "a " + target.format() + " token", "notify[].tokenFile"));
            }
        }
        if (config.repositoryEnvFile() != null) {
            files.add(new SecretFile(config.repositoryEnvFile(), "the repository's credentials", "repositoryEnvFile"));
        }
        for (RepositoryConfig copy : config.copies()) {
            files.add(new SecretFile(copy.passwordFile(), "the password of copy " + copy.name(), "copies[].passwordFile"));
            if (copy.envFile() != null) {
                files.add(new SecretFile(copy.envFile(), "the credentials of copy " + copy.name(), "copies[].repositoryEnvFile"));
            }
        }
        return files;
    }
}
