package org.claimback.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.claimback.catalog.Catalog;
import org.claimback.testing.ResticBinaries;
import org.claimback.testing.TestSetup;
import org.claimback.testing.VolumeTrees;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Bad input gets one line that says what is wrong, a documented exit code, and changes nothing. */
class BadInputTest {
    @TempDir
    Path tmp;

    static Stream<Path> restic() {
        return ResticBinaries.all().stream();
    }

    private static void assertOneLineError(CliRun run, int exitCode, String... fragments) {
        assertEquals(exitCode, run.exitCode(), run::toString);
        long errorLines = run.err().lines().filter(l -> l.startsWith("claimback: ")).count();
        assertEquals(1, errorLines, run::toString);
        assertFalse(run.err().contains("\tat "), () -> "no stack trace without --debug\n" + run);
        String line = run.err().lines().filter(l -> l.startsWith("claimback: ")).findFirst().orElseThrow();
        for (String fragment : fragments) {
            assertTrue(line.contains(fragment), () -> "expected '" + fragment + "' in the error line\n" + run);
        }
    }

    @ParameterizedTest(name = "restic {0}")
    @MethodSource("restic")
    void should_refuse_a_wrong_password_with_exit_2_and_record_no_snapshot(Path restic) throws Exception {
        TestSetup setup = TestSetup.create(tmp, restic);
        VolumeTrees.write(setup.export().newVolume("default", "data").resolve("f"), "x".getBytes());
        assertEquals(0, CliRun.of("--config", setup.config().toString(), "backup", "--all").exitCode());
        Files.writeString(setup.passwordFile(), "not the password\n");

        CliRun backup = CliRun.of("--config", setup.config().toString(), "backup", "--all");
        assertOneLineError(backup, 2, "wrong password", setup.passwordFile().toString());
        assertFalse(backup.err().contains("not the password"), "the password itself is never printed");

        CliRun restore = CliRun.of("--config", setup.config().toString(), "restore", "default/data", "--into",
                tmp.resolve("target").toString());
        assertOneLineError(restore, 2, "wrong password");
        int runsBefore;
        try (Catalog catalog = Catalog.open(setup.catalog())) {
            runsBefore = catalog.runs(null, 1000).size();
        }

        // many claims and drills stop before anything is created or recorded
        CliRun all = CliRun.of("--config", setup.config().toString(), "restore", "--all", "--yes", "--into",
                tmp.resolve("base").toString());
        assertOneLineError(all, 2, "wrong password");
        assertFalse(Files.exists(tmp.resolve("base")), "no directory made for a restore that cannot start");
        CliRun drill = CliRun.of("--config", setup.config().toString(), "drill", "--all");
        assertOneLineError(drill, 2, "wrong password");
        try (Catalog catalog = Catalog.open(setup.catalog())) {
            long claim = catalog.claimByKey("default-data").orElseThrow().id();
            assertEquals(1, catalog.snapshotsOf(claim).size());
            assertEquals(runsBefore, catalog.runs(null, 1000).size(), "no run recorded for a wrong password");
        }
    }

    @ParameterizedTest(name = "restic {0}")
    @MethodSource("restic")
    void should_say_the_repository_is_missing_when_restoring_from_nothing(Path restic) throws Exception {
        TestSetup setup = TestSetup.create(tmp, restic);
        VolumeTrees.write(setup.export().newVolume("default", "data").resolve("f"), "x".getBytes());
        assertEquals(0, CliRun.of("--config", setup.config().toString(), "backup", "--all").exitCode());
        Files.move(setup.repository(), tmp.resolve("repo-gone"));

        CliRun restore = CliRun.of("--config", setup.config().toString(), "restore", "default/data", "--into",
                tmp.resolve("target").toString());

        assertOneLineError(restore, 2, "no restic repository", setup.repository().toString());
        assertFalse(Files.exists(tmp.resolve("target")));
    }

    @ParameterizedTest(name = "restic {0}")
    @MethodSource("restic")
    void should_refuse_an_unknown_claim_with_exit_2(Path restic) throws Exception {
        TestSetup setup = TestSetup.createWithoutRepository(tmp, restic);
        setup.export().newVolume("default", "data");

        assertOneLineError(CliRun.of("--config", setup.config().toString(), "backup", "default/nope"), 2, "no claim default/nope");
        assertOneLineError(CliRun.of("--config", setup.config().toString(), "backups", "Not A Claim"), 2, "is not a claim");
        assertOneLineError(CliRun.of("--config", setup.config().toString(), "restore", "default/nope", "--into",
                tmp.resolve("t").toString()), 2, "no claim default/nope");
        assertFalse(Files.exists(setup.repository()), "nothing was created for a refused backup");
    }

    @Test
    void should_name_file_line_and_key_of_an_unknown_config_key() throws Exception {
        TestSetup setup = TestSetup.create(tmp, Path.of("/usr/bin/restic"));
        setup.writeConfig("retension: 7\n");

        CliRun run = CliRun.of("--config", setup.config().toString(), "claims");

        assertOneLineError(run, 2, setup.config().toString() + ":10", "retension", "unknown key");
    }

    @Test
    void should_refuse_an_unreadable_password_file_and_a_missing_config() throws Exception {
        TestSetup setup = TestSetup.create(tmp, Path.of("/usr/bin/restic"));
        Files.delete(setup.passwordFile());
        assertOneLineError(CliRun.of("--config", setup.config().toString(), "claims"), 2, "passwordFile", "does not exist");
        assertOneLineError(CliRun.of("--config", tmp.resolve("nope.yaml").toString(), "claims"), 2, "nope.yaml", "no such file");
    }

    @Test
    void should_refuse_a_missing_restic_binary_with_exit_2() throws Exception {
        TestSetup setup = TestSetup.create(tmp, tmp.resolve("no/such/restic"));
        VolumeTrees.write(setup.export().newVolume("default", "data").resolve("f"), "x".getBytes());

        assertOneLineError(CliRun.of("--config", setup.config().toString(), "backup", "--all"), 2, "restic not found");
    }

    @Test
    void should_refuse_backup_without_claims_or_all() throws Exception {
        TestSetup setup = TestSetup.create(tmp, Path.of("/usr/bin/restic"));
        assertOneLineError(CliRun.of("--config", setup.config().toString(), "backup"), 2, "--all");
    }
}
