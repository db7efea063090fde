package org.claimback.doctor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.function.Function;
import org.claimback.config.ConfigException;
import org.claimback.outcome.ExitCode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Running checks: order, skips, and no exception ever escaping. */
class DoctorTest {
    @TempDir
    Path tmp;

    private static Check check(String name, List<String> needs, Function<DoctorContext, CheckResult> body) {
        return new Check() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public CheckResult run(DoctorContext ctx) {
                return body.apply(ctx);
            }

            @Override
            public List<String> needs() {
                return needs;
            }
        };
    }

    private DoctorContext withoutConfig() {
        return DoctorContext.withoutConfig(tmp.resolve("config.yaml"),
                new ConfigException(tmp.resolve("config.yaml"), 3, "exports", "missing: this key is required"),
                tmp.resolve("exports"), tmp.resolve("exports.d"));
    }

    private static String render(List<CheckResult> results) {
        return String.join("\n", results.stream().map(r -> r.status() + " " + r.name() + ": " + r.detail()).toList());
    }

    @Test
    void should_turn_an_exception_into_a_fail_with_its_one_line_message() {
        List<CheckResult> results = Doctor.runAll(withoutConfig(), List.of(
                check("boom", List.of(), ctx -> {
                    throw new IllegalStateException("first line\nsecond line");
                }),
                check("user", List.of(), ctx -> {
                    throw new ConfigException(Path.of("/etc/x.yaml"), 2, "key", "is wrong");
                }),
                check("after", List.of(), ctx -> CheckResult.ok("after", "still runs"))));

        assertEquals("FAIL boom: unexpected IllegalStateException: first line (run again with --debug for details)\n"
                + "FAIL user: config /etc/x.yaml:2: key: is wrong\n"
                + "OK after: still runs", render(results));
    }

    @Test
    void should_skip_what_needs_a_failed_or_skipped_check_and_run_the_rest() {
        List<CheckResult> results = Doctor.runAll(withoutConfig(), List.of(
                check("a", List.of(), ctx -> CheckResult.fail("a", "broken")),
                check("b", List.of("a"), ctx -> CheckResult.ok("b", "never")),
                check("c", List.of("b"), ctx -> CheckResult.ok("c", "never")),
                check("d", List.of("not-run"), ctx -> CheckResult.warn("d", "runs: what it needs was not run"))));

        assertEquals("FAIL a: broken\n"
                + "SKIP b: skipped: needs `a`, which failed\n"
                + "SKIP c: skipped: needs `b`, which was skipped\n"
                + "WARN d: runs: what it needs was not run", render(results));
    }

    @Test
    void should_skip_what_needs_the_config_when_it_did_not_load_and_report_the_config_as_fail() {
        DoctorContext ctx = withoutConfig();

        List<CheckResult> results = Doctor.run(ctx);

        assertEquals(List.of("config", "restic", "password-file", "secret-files", "repository", "catalog", "nfs-exports", "export-root",
                "other-exports", "fs-snapshot"), results.stream().map(CheckResult::name).toList());
        assertEquals("FAIL config: config " + tmp.resolve("config.yaml") + ":3: exports: missing: this key is required",
                render(results.subList(0, 1)));
        for (CheckResult r : results.subList(1, results.size())) {
            if (!r.name().equals("nfs-exports")) {
                assertEquals(Status.SKIP, r.status(), () -> render(results));
                assertTrue(r.detail().startsWith("skipped: needs"), () -> render(results));
            }
        }
        assertEquals(Status.WARN, results.get(6).status(), "the export table is read without a config: it is empty here");
        assertEquals(ExitCode.FAILED, Doctor.exitCode(results));
    }

    @Test
    void should_fail_a_check_that_returns_nothing_and_keep_the_checks_name() {
        List<CheckResult> results = Doctor.runAll(withoutConfig(), List.of(
                check("nothing", List.of(), ctx -> null),
                check("renamed", List.of(), ctx -> CheckResult.ok("other", "fine"))));

        assertEquals("FAIL nothing: the check returned no result (a bug in claimback: please report it)\n"
                + "OK renamed: fine", render(results));
    }

    @Test
    void should_exit_1_only_when_a_check_failed() {
        assertEquals(ExitCode.OK, Doctor.exitCode(List.of(CheckResult.ok("a", ""), CheckResult.warn("b", ""),
                CheckResult.skip("c", ""))));
        assertEquals(ExitCode.FAILED, Doctor.exitCode(List.of(CheckResult.ok("a", ""), CheckResult.fail("b", ""))));
        assertEquals(1, ExitCode.FAILED.code());
    }

    @Test
    void should_keep_details_on_one_line() {
        assertEquals("a b c", CheckResult.ok("x", "  a\nb\r\n  c\n").detail());
    }
}
