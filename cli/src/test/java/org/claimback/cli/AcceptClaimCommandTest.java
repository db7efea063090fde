package org.claimback.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import org.claimback.testing.ResticBinaries;
import org.claimback.testing.TestSetup;
import org.claimback.testing.VolumeTrees;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AcceptClaimCommandTest {
    @TempDir
    Path tmp;

    @Test
    void should_fail_the_backup_of_an_emptied_volume_until_its_shrink_is_accepted() throws Exception {
        TestSetup setup = TestSetup.create(tmp, ResticBinaries.v018());
        Path data = setup.export().newVolume("default", "data");
        VolumeTrees.write(data.resolve("a"), "a".getBytes());
        VolumeTrees.write(data.resolve("b"), "b".getBytes());
        String config = setup.config().toString();
        assertEquals(0, CliRun.of("--config", config, "backup", "default/data").exitCode());
        Files.delete(data.resolve("a"));
        Files.delete(data.resolve("b"));

        CliRun emptied = CliRun.of("--config", config, "backup", "default/data", "--json");
        assertEquals(1, emptied.exitCode(), emptied::toString);
        JsonNode result = emptied.json().get("results").get(0);
        assertEquals("suspicious", result.get("state").asText(), emptied::toString);
        assertTrue(result.get("error").asText().contains("claimback accept default/data"), emptied::toString);

        CliRun accept = CliRun.of("--config", config, "accept", "default/data", "--json");
        assertEquals(0, accept.exitCode(), accept::toString);
        JsonNode accepted = accept.json().get("accepted");
        assertEquals(1, accepted.size(), accept::toString);
        assertEquals(result.get("runId").asLong(), accepted.get(0).get("runId").asLong());
        assertTrue(accepted.get(0).get("snapshot").isNull(), accept::toString);
        assertTrue(accepted.get(0).get("reason").asText().contains("had 2 files"), accept::toString);

        CliRun again = CliRun.of("--config", config, "accept", "default-data");
        assertEquals(0, again.exitCode(), again::toString);
        assertTrue(again.out().contains("nothing to accept"), again::toString);

        CliRun after = CliRun.of("--config", config, "backup", "default/data", "--json");
        assertEquals(0, after.exitCode(), after::toString);
        assertEquals("skipped", after.json().get("results").get(0).get("state").asText(), after::toString);
    }

    @Test
    void should_say_in_one_line_that_an_unknown_claim_is_bad_usage() throws Exception {
        TestSetup setup = TestSetup.create(tmp, ResticBinaries.v018());

        CliRun run = CliRun.of("--config", setup.config().toString(), "accept", "default/nope");

        assertEquals(2, run.exitCode(), run::toString);
        assertEquals(1, run.err().strip().lines().count(), run::toString);
    }
}
