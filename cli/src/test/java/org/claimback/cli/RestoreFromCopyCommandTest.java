package org.claimback.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.claimback.fromcopy.PlainResticCopy;
import org.claimback.testing.ResticBinaries;
import org.claimback.testing.TestSetup;
import org.claimback.testing.TreeManifest;
import org.claimback.testing.VolumeTrees;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** {@code restore --from COPY} and {@code catalog rebuild --from COPY} on the command line. */
class RestoreFromCopyCommandTest {
    @TempDir
    Path tmp;

    static Stream<Path> restic() {
        return ResticBinaries.all().stream();
    }

    @ParameterizedTest(name = "restic {0}")
    @MethodSource("restic")
    void a_claim_comes_back_from_the_copy_when_the_repository_and_the_catalogue_are_gone(Path restic) throws Exception {
        TestSetup setup = TestSetup.create(tmp, restic);
        String config = setup.config().toString();
        Path data = VolumeTrees.realistic(setup.export().newVolume("default", "data"), 7);
        Path other = setup.export().newVolume("apps", "cache");
        VolumeTrees.write(other.resolve("a.txt"), "a\n".getBytes(StandardCharsets.UTF_8));
        CliRun backup = CliRun.of("--config", config, "backup", "--all");
        assertEquals(0, backup.exitCode(), backup::toString);
        TreeManifest expected = TreeManifest.of(data);
        PlainResticCopy copy = PlainResticCopy.create(setup, tmp.resolve("offsite"));
        copy.copyAll();
        setup.writeConfig(copy.configYaml("offsite"));
        for (Path gone : List.of(setup.repository(), tmp.resolve("var"), tmp.resolve("cache"))) {
            deleteTree(gone);
        }

        CliRun rebuild = CliRun.of("--config", config, "catalog", "rebuild", "--from", "offsite");
        assertEquals(0, rebuild.exitCode(), rebuild::toString);
        assertTrue(rebuild.out().contains("from copy offsite") && rebuild.out().contains("2 claim(s)")
                && rebuild.out().contains("2 snapshot(s)"), rebuild::toString);
        CliRun backups = CliRun.of("--config", config, "backups", "default/data", "--json");
        assertEquals(0, backups.exitCode(), backups::toString);
        assertEquals(1, backups.json().get("snapshots").size(), backups::toString);

        Path into = tmp.resolve("restored");
        CliRun restore = CliRun.of("--config", config, "restore", "default/data", "--from", "offsite", "--into", into.toString());
        assertEquals(0, restore.exitCode(), restore::toString);
        assertTrue(restore.out().contains("from copy offsite"), restore::toString);
        assertEquals(List.of(), expected.differences(TreeManifest.of(into)));
        CliRun again = CliRun.of("--config", config, "restore", "default/data", "--from", "offsite", "--into", into.toString());
        assertEquals(2, again.exitCode(), "a non-empty target is still refused without --force\n" + again);

        CliRun plain = CliRun.of("--config", config, "restore", "apps/cache", "--into", tmp.resolve("plain").toString());
        assertEquals(2, plain.exitCode(), "without --from the lost repository is read and fails\n" + plain);
        assertTrue(plain.err().contains("no restic repository at " + setup.repository())
                && plain.err().contains("restore from a copy with --from offsite"), plain::toString);
    }

    @Test
    void an_unknown_copy_is_a_usage_error_naming_the_copies_there_are() throws Exception {
        TestSetup setup = TestSetup.create(tmp, ResticBinaries.v018());
        setup.writeConfig("copies:\n  - name: offsite\n    repository: " + tmp.resolve("offsite") + "\n    passwordFile: "
                + setup.passwordFile() + "\n");
        setup.export().newVolume("default", "data");
        String config = setup.config().toString();

        CliRun restore = CliRun.of("--config", config, "restore", "default/data", "--from", "elsewhere", "--into",
                tmp.resolve("into").toString());
        CliRun rebuild = CliRun.of("--config", config, "catalog", "rebuild", "--from", "elsewhere");

        for (CliRun run : List.of(restore, rebuild)) {
            assertEquals(2, run.exitCode(), run::toString);
            assertTrue(run.err().contains("no copy named elsewhere") && run.err().contains("the copies are offsite"), run::toString);
            assertEquals(1, run.err().strip().lines().count(), "one line\n" + run);
        }
        assertFalse(Files.exists(tmp.resolve("into")));
    }

    @Test
    void a_snapshot_the_copy_does_not_hold_fails_in_one_line_saying_to_run_claimback_copy() throws Exception {
        TestSetup setup = TestSetup.create(tmp, ResticBinaries.v018());
        String config = setup.config().toString();
        Path data = setup.export().newVolume("default", "data");
        VolumeTrees.write(data.resolve("a.txt"), "first\n".getBytes(StandardCharsets.UTF_8));
        CliRun backup = CliRun.of("--config", config, "backup", "default/data");
        assertEquals(0, backup.exitCode(), backup::toString);
        PlainResticCopy copy = PlainResticCopy.create(setup, tmp.resolve("offsite"));
        setup.writeConfig(copy.configYaml("offsite"));

        Path into = tmp.resolve("into");
        CliRun restore = CliRun.of("--config", config, "restore", "default/data", "--from", "offsite", "--into", into.toString());

        assertEquals(1, restore.exitCode(), restore::toString);
        assertTrue(restore.err().contains("is not in copy offsite (it holds none of default-data's snapshots)")
                && restore.err().contains("`claimback copy --to offsite`"), restore::toString);
        assertEquals(1, restore.err().strip().lines().count(), "one line\n" + restore);
        assertFalse(Files.exists(into));
    }

    private static void deleteTree(Path dir) throws Exception {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
