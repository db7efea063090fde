package org.claimback.doctor;

import org.claimback.config.Config;
import org.claimback.outcome.Failures;
import org.claimback.restic.Restic;

/** {@code config}: the config file loads; FAIL with the loader's FILE:LINE: key message. */
final class ConfigCheck implements Check {
    static final String NAME = "config";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public CheckResult run(DoctorContext ctx) {
        if (ctx.config().isEmpty()) {
            return CheckResult.fail(NAME, Failures.message(ctx.configError().orElseThrow()));
        }
        Config config = ctx.config().get();
        int roots = config.exports().size();
        return CheckResult.ok(NAME, config.file() + " loads: " + roots + " export root" + (roots == 1 ? "" : "s")
                + ", repository " + Restic.redact(config.repository()) + ", host " + config.host());
    }
}
