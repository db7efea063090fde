package org.claimback.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.claimback.catalog.Catalog;
import org.claimback.catalog.RunRecord;
import org.claimback.testing.ResticBinaries;
import org.claimback.testing.TestSetup;
import org.claimback.testing.VolumeTrees;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** {@code claimback drill} with real restic: every claim drilled in turn, the worst outcome as exit code. */
class DrillClaimsCommandTest {
    @TempDir
    Path tmp;

    static Stream<Path> restic() {
        return ResticBinaries.all().stream();
    }

    @ParameterizedTest(name = "restic {0}")
    @MethodSource("restic")
    void should_drill_every_claim_fail_the_one_without_a_backup_and_exit_1(Path restic) throws Exception {
        TestSetup setup = TestSetup.create(tmp, restic);
        VolumeTrees.realistic(setup.export().newVolume("default", "web"), 1);
        VolumeTrees.write(setup.export().newVolume("media", "library").resolve("song.ogg"), "la la".getBytes());
        CliRun backup = CliRun.of("--config", setup.config().toString(), "backup", "--all");
        assertEquals(0, backup.exitCode(), backup::toString);
        setup.export().newVolume("apps", "new"); // appears after the backup: nothing to restore

        CliRun all = CliRun.of("--config", setup.config().toString(), "drill", "--all", "--json");

        assertEquals(1, all.exitCode(), all::toString);
        JsonNode json = all.json();
        assertEquals(1, json.get("exitCode").asInt());
        JsonNode results = json.get("results");
        assertEquals(List.of("apps-new", "default-web", "media-library"),
                Stream.of(results.get(0), results.get(1), results.get(2)).map(r -> r.get("claimKey").asText()).toList());
        JsonNode none = results.get(0);
        assertEquals("failed", none.get("state").asText());
        assertTrue(none.get("snapshot").isNull() && none.get("runId").isNull() && none.get("rtoSeconds").isNull(), all::toString);
        assertTrue(none.get("reason").asText().contains("has no snapshots: back it up first"), all::toString);
        for (JsonNode ok : List.of(results.get(1), results.get(2))) {
            assertEquals("ok", ok.get("state").asText(), all::toString);
            assertTrue(ok.get("reason").isNull() && ok.get("scratchLeft").isNull(), all::toString);
            assertEquals(ok.get("snapshot").get("files").asLong(), ok.get("files").asLong(), all::toString);
            assertTrue(ok.get("rtoSeconds").asDouble() > 0, all::toString);
        }
        try (Catalog catalog = Catalog.open(setup.catalog())) {
            List<RunRecord> drills = catalog.runsOfKind("drill", null, 10);
            assertEquals(2, drills.size(), drills::toString);
            assertTrue(drills.stream().allMatch(r -> r.state().equals("ok") && r.trigger().equals("cli")), drills::toString);
        }

        CliRun one = CliRun.of("--config", setup.config().toString(), "drill", "default/web");

        assertEquals(0, one.exitCode(), one::toString);
        List<String> lines = one.out().lines().toList();
        assertEquals(2, lines.size(), one::toString);
        assertTrue(lines.get(0).matches("CLAIM +SNAPSHOT +FILES +SIZE +RTO +RESULT"), one::toString);
        assertTrue(lines.get(1).matches("default-web +[0-9a-f]{8} +9 +3\\.\\d MiB +\\d+\\.\\d s +ok"), one::toString);
        assertTrue(one.err().contains("drill default-web: ok, snapshot "), one::toString);
        try (Stream<Path> left = Files.list(setup.catalog().resolveSibling("drills"))) {
            assertEquals(List.of(), left.toList(), "no scratch copy is left");
        }
    }
}
