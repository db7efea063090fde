package org.claimback.doctor;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.claimback.config.Config;
import org.claimback.config.NotifyTarget;

/**
 * {@code secret-files}: the other files that hold secrets are private like the password file:
 * the status endpoint's bearer token ({@code status.tokenFile}) and the notification targets'
 * tokens ({@code notify[].tokenFile}). OK when none is configured. The secrets are never read.
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
        List<CheckResult> results = new ArrayList<>();
        if (config.status().tokenFile() != null) {
            results.add(PasswordFileCheck.privateFile(NAME, config.status().tokenFile(), "the status endpoint's token",
                    "status.tokenFile", config.file()));
        }
        for (NotifyTarget target : config.notifications()) {
            if (target.tokenFile() != null) {
                results.add(PasswordFileCheck.privateFile(NAME, target.tokenFile(), "a " + target.format() + " token",
                        "notify[].tokenFile", config.file()));
            }
        }
        if (results.isEmpty()) {
            return CheckResult.ok(NAME, "no token files configured (status.tokenFile, notify[].tokenFile)");
        }
        for (Status worst : List.of(Status.FAIL, Status.WARN)) {
            List<String> bad = results.stream().filter(r -> r.status() == worst).map(CheckResult::detail).toList();
            if (!bad.isEmpty()) {
                return worst == Status.FAIL ? CheckResult.fail(NAME, String.join("; ", bad)) : CheckResult.warn(NAME, String.join("; ", bad));
            }
        }
        List<Path> files = new ArrayList<>();
        if (config.status().tokenFile() != null) {
            files.add(config.status().tokenFile());
        }
        config.notifications().stream().map(NotifyTarget::tokenFile).filter(f -> f != null).forEach(files::add);
        return CheckResult.ok(NAME, files.size() + " token file(s) private: " + files.stream().map(Path::toString).toList());
    }
}
