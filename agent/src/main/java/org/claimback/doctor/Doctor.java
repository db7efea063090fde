package org.claimback.doctor;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.claimback.config.ExportConfig;
import org.claimback.outcome.ExitCode;
import org.claimback.outcome.Failures;

/** Runs checks in order and never throws: see the package documentation for the standard checks. */
public final class Doctor {
    private Doctor() {}

    /** The standard checks for {@code ctx}, in order; one {@code export-root} check per configured root. */
    public static List<Check> standardChecks(DoctorContext ctx) {
        List<Check> checks = new ArrayList<>(List.of(new ConfigCheck(), new ResticCheck(), new PasswordFileCheck(), new SecretFilesCheck(),
                new RepositoryCheck()));
        ctx.config().map(c -> c.copies()).orElse(List.of()).forEach(copy -> checks.add(new RepositoryCheck(copy.name())));
        checks.addAll(List.of(new CatalogCheck(), new ExportsTableCheck()));
        List<ExportConfig> roots = ctx.config().map(c -> c.exports()).orElse(List.of());
        if (roots.isEmpty()) {
            checks.add(new ExportRootCheck(null)); // skipped: there is no config to name the roots
        }
        roots.forEach(root -> checks.add(new ExportRootCheck(root.path())));
        checks.add(new OtherExportsCheck());
        checks.add(new FsSnapshotCheck());
        return List.copyOf(checks);
    }

    /** {@link #standardChecks} run with {@link #runAll}. */
    public static List<CheckResult> run(DoctorContext ctx) {
        return runAll(ctx, standardChecks(ctx));
    }

    /**
     * Runs {@code checks} in order, one result each. A check is skipped when a check it needs
     * failed or was skipped, or when it needs the config and there is none; an exception or a
     * missing result is its FAIL. Never throws (short of the JVM running out of memory).
     */
    public static List<CheckResult> runAll(DoctorContext ctx, List<? extends Check> checks) {
        List<CheckResult> results = new ArrayList<>();
        Map<String, Status> seen = new HashMap<>();
        for (Check check : checks) {
            String name = nameOf(check);
            CheckResult result = skipReason(ctx, check, seen)
                    .map(reason -> CheckResult.skip(name, reason))
                    .orElseGet(() -> runOne(ctx, check, name));
            results.add(result);
            seen.merge(name, result.status(), Doctor::worse);
        }
        return List.copyOf(results);
    }

    /** FAILED (1) when some check failed, else OK (0): warnings and skips don't fail. */
    public static ExitCode exitCode(List<CheckResult> results) {
        return results.stream().anyMatch(r -> r.status() == Status.FAIL) ? ExitCode.FAILED : ExitCode.OK;
    }

    private static Optional<String> skipReason(DoctorContext ctx, Check check, Map<String, Status> seen) {
        List<String> needs;
        try {
            needs = check.needs();
        } catch (RuntimeException e) {
            return Optional.empty(); // run it: the check itself will fail or not
        }
        for (String need : needs) {
            if (need.equals(ConfigCheck.NAME) && ctx.config().isEmpty()) {
                return Optional.of("skipped: needs the config, which did not load");
            }
            Status status = seen.get(need);
            if (status == Status.FAIL || status == Status.SKIP) {
                return Optional.of("skipped: needs `" + need + "`, which " + (status == Status.FAIL ? "failed" : "was skipped"));
            }
        }
        return Optional.empty();
    }

    private static CheckResult runOne(DoctorContext ctx, Check check, String name) {
        try {
            CheckResult result = check.run(ctx);
            if (result == null) {
                return CheckResult.fail(name, "the check returned no result (a bug in claimback: please report it)");
            }
            return result.name().equals(name) ? result : new CheckResult(name, result.status(), result.detail());
        } catch (VirtualMachineError e) {
            throw e;
        } catch (RuntimeException | Error e) {
            return CheckResult.fail(name, Failures.message(e));
        }
    }

    private static String nameOf(Check check) {
        try {
            String name = check.name();
            return name == null || name.isBlank() ? check.getClass().getSimpleName() : name;
        } catch (RuntimeException e) {
            return check.getClass().getSimpleName();
        }
    }

    private static Status worse(Status a, Status b) {
        return rank(a) >= rank(b) ? a : b;
    }

    private static int rank(Status s) {
        return switch (s) {
            case OK -> 0;
            case WARN -> 1;
            case SKIP -> 2;
            case FAIL -> 3;
        };
    }
}
