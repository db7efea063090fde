package org.claimback.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.stream.Stream;
import org.claimback.catalog.Catalog;
import org.claimback.catalog.RunRecord;
import org.claimback.testing.ResticBinaries;
import org.claimback.testing.TestSetup;
import org.claimback.testing.VolumeTrees;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class BackupClaimsCommandTest {
    @TempDir
    Path tmp;

    static Stream<Path> restic() {
        return ResticBinaries.all().stream();
    }

    /**
     * restic exits 3 when it saved a snapshot but could not read some files. As root every file is
     * readable, so a wrapper script around the real restic provokes it: it runs the real backup,
     * then exits 3 as restic would.
     */
    @ParameterizedTest(name = "restic {0}")
    @MethodSource("restic")
    void should_report_and_record_a_partial_backup_as_partial_not_ok(Path restic) throws Exception {
        Path fake = tmp.resolve("bin/restic");
        Files.createDirectories(fake.getParent());
        Files.writeString(fake, "#!/bin/sh\n"
                + "if [ \"$1\" = backup ]; then \"" + restic + "\" \"$@\"; echo 'error: open secret: permission denied' >&2; exit 3; fi\n"
                + "exec \"" + restic + "\" \"$@\"\n");
        Files.setPosixFilePermissions(fake, PosixFilePermissions.fromString("rwxr-xr-x"));
        TestSetup setup = TestSetup.create(tmp, fake);
        VolumeTrees.realistic(setup.export().newVolume("default", "data"), 5);
        VolumeTrees.write(setup.export().newVolume("default", "fine").resolve("f"), "x".getBytes());

        CliRun run = CliRun.of("--config", setup.config().toString(), "backup", "--all", "--json");

        assertEquals(3, run.exitCode(), run::toString);
        JsonNode results = run.json().get("results");
        assertEquals(3, run.json().get("exitCode").asInt());
        for (JsonNode r : results) {
            assertEquals("partial", r.get("state").asText(), run::toString);
            assertTrue(r.get("snapshot").get("partial").asBoolean(), run::toString);
        }
        try (Catalog catalog = Catalog.open(setup.catalog())) {
            for (RunRecord r : catalog.runs(null, 10)) {
                assertEquals("partial", r.state());
            }
        }
        CliRun restore = CliRun.of("--config", setup.config().toString(), "restore", "default/data", "--into",
                tmp.resolve("t").toString());
        assertEquals(1, restore.exitCode(), restore::toString);
        assertTrue(restore.err().contains("only partial snapshots"), restore::toString);
    }

    @ParameterizedTest(name = "restic {0}")
    @MethodSource("restic")
    void should_back_up_the_other_volumes_when_one_fails(Path restic) throws Exception {
        TestSetup setup = TestSetup.create(tmp, restic);
        Path ok = setup.export().newVolume("default", "ok");
        VolumeTrees.write(ok.resolve("f"), "x".getBytes());
        Path broken = setup.export().newVolume("default", "broken");
        VolumeTrees.write(broken.resolve("f"), "x".getBytes());
        // sync once, then make the volume vanish so its backup fails mid-run
        assertEquals(0, CliRun.of("--config", setup.config().toString(), "claims").exitCode());
        Path fake = tmp.resolve("bin/restic");
        Files.createDirectories(fake.getParent());
        Files.writeString(fake, "#!/bin/sh\ncase \"$PWD\" in *broken*) echo 'Fatal: unable to save snapshot: disk full' >&2; exit 1;; esac\n"
                + "exec \"" + restic + "\" \"$@\"\n");
        Files.setPosixFilePermissions(fake, PosixFilePermissions.fromString("rwxr-xr-x"));
        setup.writeConfig("");
        Files.writeString(setup.config(), Files.readString(setup.config()).replace(restic.toString(), fake.toString()));

        CliRun run = CliRun.of("--config", setup.config().toString(), "backup", "--all", "--json");

        assertEquals(1, run.exitCode(), run::toString);
        JsonNode results = run.json().get("results");
        assertEquals(2, results.size());
        for (JsonNode r : results) {
            boolean isBroken = r.get("claimKey").asText().equals("default-broken");
            assertEquals(isBroken ? "failed" : "ok", r.get("state").asText(), run::toString);
            if (isBroken) {
                assertTrue(r.get("error").asText().contains("disk full"), run::toString);
            }
        }
    }

    @ParameterizedTest(name = "restic {0}")
    @MethodSource("restic")
    void should_skip_an_empty_volume_without_failing_or_making_a_snapshot(Path restic) throws Exception {
        TestSetup setup = TestSetup.create(tmp, restic);
        setup.export().newVolume("default", "fresh");
        VolumeTrees.write(setup.export().newVolume("default", "used").resolve("f"), "x".getBytes());

        CliRun run = CliRun.of("--config", setup.config().toString(), "backup", "--all", "--json");

        assertEquals(0, run.exitCode(), run::toString);
        for (JsonNode r : run.json().get("results")) {
            boolean fresh = r.get("claimKey").asText().equals("default-fresh");
            assertEquals(fresh ? "skipped" : "ok", r.get("state").asText(), run::toString);
            assertEquals(fresh, r.get("snapshot").isNull(), run::toString);
        }
    }

    @Test
    void should_say_there_is_nothing_to_back_up_on_an_empty_export() throws Exception {
        TestSetup setup = TestSetup.create(tmp, ResticBinaries.v014());
        CliRun run = CliRun.of("--config", setup.config().toString(), "backup", "--all");
        assertEquals(0, run.exitCode(), run::toString);
        assertTrue(run.out().contains("nothing backed up"), run::toString);
    }

    @Test
    void should_skip_an_unchanged_volume_and_run_restic_again_with_full() throws Exception {
        TestSetup setup = TestSetup.create(tmp, ResticBinaries.v014());
        VolumeTrees.write(setup.export().newVolume("default", "data").resolve("a"), "a".getBytes());
        String config = setup.config().toString();
        CliRun first = CliRun.of("--config", config, "backup", "--all", "--json");
        assertEquals(0, first.exitCode(), first::toString);

        CliRun second = CliRun.of("--config", config, "backup", "--all", "--json");
        assertEquals(0, second.exitCode(), second::toString);
        JsonNode skipped = second.json().get("results").get(0);
        assertEquals("skipped-unchanged", skipped.get("state").asText(), second::toString);
        assertEquals(first.json().get("results").get(0).get("snapshot").get("id").asText(),
                skipped.get("snapshot").get("id").asText(), second::toString);

        CliRun full = CliRun.of("--config", config, "backup", "default/data", "--full", "--json");
        assertEquals(0, full.exitCode(), full::toString);
        assertEquals("ok", full.json().get("results").get(0).get("state").asText(), full::toString);
    }
}
