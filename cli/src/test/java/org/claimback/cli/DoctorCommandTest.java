package org.claimback.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.claimback.testing.ResticBinaries;
import org.claimback.testing.TestSetup;
import org.claimback.testing.VolumeTrees;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** {@code claimback doctor}, in-process, with real restic, real directories and a temporary export table. */
class DoctorCommandTest {
    @TempDir
    Path tmp;

    static Stream<Path> restic() {
        return ResticBinaries.all().stream();
    }

    private Path exports() {
        return tmp.resolve("exports");
    }

    private Path exportsD() {
        return tmp.resolve("exports.d");
    }

    private void exportsFile(String... lines) throws Exception {
        Files.writeString(exports(), String.join("\n", lines) + "\n");
    }

    private CliRun doctor(TestSetup setup, String... more) {
        List<String> args = new ArrayList<>(List.of("--config", setup.config().toString(), "doctor", "--exports",
                exports().toString(), "--exports-d", exportsD().toString()));
        args.addAll(List.of(more));
        return CliRun.of(args.toArray(String[]::new));
    }

    /** The output line of check {@code name} (the first, if several). */
    private static String line(CliRun run, String name) {
        return run.out().lines().filter(l -> l.length() > 6 && l.substring(6).startsWith(name + " ")).findFirst()
                .orElseThrow(() -> new AssertionError("no line for " + name + "\n" + run));
    }

    private static String status(CliRun run, String name) {
        return line(run, name).substring(0, 6).strip();
    }

    @ParameterizedTest(name = "restic {0}")
    @MethodSource("restic")
    void should_pass_a_fresh_install_with_one_warning_for_the_repository_not_made_yet(Path restic) throws Exception {
        TestSetup setup = TestSetup.createWithoutRepository(tmp, restic);
        exportsFile("# k8s volumes", setup.export().root() + " 10.0.0.0/8(rw,sync,no_subtree_check)");

        CliRun run = doctor(setup);

        assertEquals(0, run.exitCode(), run::toString);
        assertEquals("ok    restic          restic " + ResticBinaries.versionOf(restic) + " at " + restic, line(run, "restic"),
                run::toString);
        for (String ok : List.of("config", "password-file", "catalog", "nfs-exports", "export-root", "other-exports")) {
            assertEquals("ok", status(run, ok), () -> ok + "\n" + run);
        }
        assertEquals("warn  repository      no repository at " + setup.repository() + " yet: it is created at the first backup"
                + " (claimback backup --all, or the agent's schedule)", line(run, "repository"), run::toString);
        assertEquals("ok    export-root     " + setup.export().root() + " is exported in " + exports()
                + ":2 to 10.0.0.0/8(rw,sync,no_subtree_check)", line(run, "export-root"), run::toString);
        assertTrue(run.out().endsWith("\n1 warning (of 10 checks)\n"), run::toString);
        assertEquals("", run.err(), run::toString);
        assertFalse(Files.exists(setup.repository()), "doctor creates no repository");
        assertFalse(Files.exists(setup.catalog()), "doctor creates no catalogue");
    }

    @ParameterizedTest(name = "restic {0}")
    @MethodSource("restic")
    void should_pass_every_check_after_the_first_backup(Path restic) throws Exception {
        TestSetup setup = TestSetup.create(tmp, restic);
        VolumeTrees.write(setup.export().newVolume("default", "data").resolve("f"), "x".getBytes());
        exportsFile(setup.export().root() + " *(rw)");
        assertEquals(0, CliRun.of("--config", setup.config().toString(), "backup", "--all").exitCode());

        CliRun run = doctor(setup);

        assertEquals(0, run.exitCode(), run::toString);
        assertTrue(run.out().endsWith("\nall 10 checks ok\n"), run::toString);
        assertEquals("ok    repository      " + setup.repository() + " opens with the password in " + setup.passwordFile(),
                line(run, "repository"));
        assertTrue(line(run, "catalog").matches("ok    catalog +" + setup.catalog() + " opens: schema version \\d+, 1 claim"),
                run::toString);
    }

    @ParameterizedTest(name = "restic {0}")
    @MethodSource("restic")
    void should_fail_on_a_wrong_password_and_say_so_in_json(Path restic) throws Exception {
        TestSetup setup = TestSetup.create(tmp, restic);
        VolumeTrees.write(setup.export().newVolume("default", "data").resolve("f"), "x".getBytes());
        exportsFile(setup.export().root() + " *(rw)");
        assertEquals(0, CliRun.of("--config", setup.config().toString(), "backup", "--all").exitCode());
        Files.writeString(setup.passwordFile(), "not the password\n");

        CliRun run = doctor(setup, "--json");

        assertEquals(1, run.exitCode(), run::toString);
        JsonNode json = run.json();
        assertEquals(1, json.get("exitCode").asInt(), run::toString);
        assertEquals(10, json.get("checks").size(), run::toString);
        JsonNode repository = json.get("checks").get(4);
        assertEquals("repository", repository.get("name").asText());
        assertEquals("fail", repository.get("status").asText());
        assertTrue(repository.get("detail").asText().startsWith("wrong password for repository " + setup.repository()),
                run::toString);
        assertEquals("ok", json.get("checks").get(1).get("status").asText(), "restic itself is fine");
        assertFalse(run.out().contains("not the password"), "the password is never shown");
        assertEquals(List.of("name", "status", "detail"), fieldNames(repository));
        assertEquals(List.of("checks", "exitCode"), fieldNames(json));
    }

    @Test
    void should_report_a_config_that_does_not_load_as_a_fail_and_skip_what_needs_it() throws Exception {
        TestSetup setup = TestSetup.create(tmp, ResticBinaries.v014());
        setup.writeConfig("retension: 7\n");
        exportsFile(setup.export().root() + " *(rw)");

        CliRun run = doctor(setup);

        assertEquals(1, run.exitCode(), run::toString);
        assertTrue(line(run, "config").startsWith("FAIL  config          config " + setup.config() + ":10: retension: unknown key"),
                run::toString);
        for (String skipped : List.of("restic", "password-file", "repository", "catalog", "export-root", "other-exports")) {
            assertEquals("skip", status(run, skipped), () -> skipped + "\n" + run);
        }
        assertTrue(line(run, "repository").endsWith("skipped: needs the config, which did not load"), run::toString);
        assertEquals("ok    nfs-exports     1 exported path: " + setup.export().root(), line(run, "nfs-exports"),
                "the export table is read without a config");
        assertTrue(run.out().endsWith("\n1 failed, 8 skipped (of 10 checks)\n"), run::toString);
        assertEquals("", run.err(), "no error line: doctor reports the config as a check");
    }

    @Test
    void should_report_a_missing_config_file_in_json() throws Exception {
        CliRun run = CliRun.of("--config", tmp.resolve("nope.yaml").toString(), "doctor", "--json", "--exports",
                exports().toString(), "--exports-d", exportsD().toString());

        assertEquals(1, run.exitCode(), run::toString);
        JsonNode config = run.json().get("checks").get(0);
        assertEquals("fail", config.get("status").asText());
        assertEquals("config " + tmp.resolve("nope.yaml") + ": no such file: create it (see install/config.example.yaml)"
                + " or pass --config FILE", config.get("detail").asText());
        assertEquals("warn", run.json().get("checks").get(6).get("status").asText(), "no export table here");
        assertEquals("skip", run.json().get("checks").get(8).get("status").asText());
    }

    @Test
    void should_warn_about_a_root_missing_from_exports_and_suggest_the_exported_directory() throws Exception {
        TestSetup setup = TestSetup.create(tmp, ResticBinaries.v018());
        Path other = Files.createDirectories(tmp.resolve("srv/k8s volumes"));
        Files.createDirectories(other.resolve("default-data-pvc-0b5ef3ee-6d5c-4a1e-9a53-1a2b3c4d5e6f"));
        Files.createDirectories(exportsD());
        Files.writeString(exportsD().resolve("k8s.exports"), "\"" + other + "\" \\\n    *(rw,sync) # the provisioner's\n");
        exportsFile("/srv/nfs4 *(ro,fsid=0)");

        CliRun run = doctor(setup);

        assertEquals(0, run.exitCode(), "warnings don't fail\n" + run);
        assertEquals("warn  export-root     " + setup.export().root() + " is not in " + exports() + " (nor " + exportsD()
                + ", nor under an exported path): is this the directory the provisioner uses?", line(run, "export-root"));
        assertEquals("warn  other-exports   exported but not in the config: " + other + " (" + exportsD().resolve("k8s.exports")
                + ":1, 1 PV directory): if the provisioner creates PV directories there, add `- path: DIR` under `exports:` in "
                + setup.config(), line(run, "other-exports"), run::toString);
    }

    @Test
    void should_fail_when_restic_is_missing_and_skip_the_repository() throws Exception {
        TestSetup setup = TestSetup.create(tmp, tmp.resolve("no/such/restic"));
        exportsFile(setup.export().root() + " *(rw)");

        CliRun run = doctor(setup);

        assertEquals(1, run.exitCode(), run::toString);
        assertEquals("FAIL", status(run, "restic"), run::toString);
        assertTrue(line(run, "restic").contains("restic.binary"), run::toString);
        assertEquals("skip  repository      skipped: needs `restic`, which failed", line(run, "repository"));
        assertEquals("ok", status(run, "catalog"), run::toString);
    }

    @Test
    void should_keep_the_test_options_out_of_the_help() {
        CliRun help = CliRun.of("doctor", "--help");

        assertEquals(0, help.exitCode(), help::toString);
        assertTrue(help.out().contains("--json"), help::toString);
        assertFalse(help.out().contains("--exports"), help::toString);
        assertTrue(CliRun.of("--help").out().contains("doctor"), "listed by claimback --help");
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
