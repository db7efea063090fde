package org.claimback.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import org.claimback.testing.ResticBinaries;
import org.claimback.testing.TestSetup;
import org.claimback.testing.VolumeTrees;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** `claimback retention`, `prune` and `check`: thin commands over the engine, on a real repository. */
class RepositoryUpkeepCommandsTest {
    @TempDir
    Path tmp;

    private TestSetup twoBackups() throws Exception {
        TestSetup setup = TestSetup.create(tmp, ResticBinaries.v018());
        setup.writeConfig("retention:\n  keepLast: 1\ncheck:\n  readDataSubsets: 3\n");
        Path web = setup.export().newVolume("default", "web");
        for (int i = 1; i <= 2; i++) {
            VolumeTrees.write(web.resolve("page" + i), ("page " + i).getBytes());
            CliRun backup = CliRun.of("--config", setup.config().toString(), "backup", "--all");
            assertEquals(0, backup.exitCode(), backup::toString);
        }
        return setup;
    }

    @Test
    void should_show_decisions_on_a_dry_run_then_forget_prune_and_check() throws Exception {
        TestSetup setup = twoBackups();
        String config = setup.config().toString();

        CliRun dryRun = CliRun.of("--config", config, "retention", "default/web", "--dry-run", "--json");
        assertEquals(0, dryRun.exitCode(), dryRun::toString);
        JsonNode plan = dryRun.json();
        assertTrue(plan.get("dryRun").asBoolean());
        JsonNode decisions = plan.get("claims").get(0).get("decisions");
        assertEquals(2, decisions.size(), plan::toPrettyString);
        assertEquals("remove", decisions.get(0).get("action").asText(), plan::toPrettyString);
        assertEquals("keep", decisions.get(1).get("action").asText(), plan::toPrettyString);

        CliRun text = CliRun.of("--config", config, "retention", "--all", "--dry-run");
        assertEquals(0, text.exitCode(), text::toString);
        assertTrue(text.out().contains("default/web (last 1), dry run: 1 of 2 snapshots would be forgotten"), text::toString);
        assertTrue(text.out().contains("catalogue copies"), text::toString);

        CliRun apply = CliRun.of("--config", config, "retention", "default/web", "--json");
        assertEquals(0, apply.exitCode(), apply::toString);
        assertEquals("ok", apply.json().get("claims").get(0).get("state").asText(), apply::toString);
        CliRun backups = CliRun.of("--config", config, "backups", "default/web", "--json");
        assertEquals(0, backups.exitCode(), backups::toString);
        assertEquals(1, backups.json().get("snapshots").size(), "one snapshot left: " + backups.out());

        CliRun prune = CliRun.of("--config", config, "prune", "--json");
        assertEquals(0, prune.exitCode(), prune::toString);
        assertEquals("ok", prune.json().get("state").asText());

        CliRun check = CliRun.of("--config", config, "check", "--json");
        assertEquals(0, check.exitCode(), check::toString);
        assertEquals(0, check.json().get("problems").asLong());
        assertEquals("1/3", check.json().get("readDataSubset").asText());

        CliRun chosen = CliRun.of("--config", config, "check", "--read-data-subset", "3/3");
        assertEquals(0, chosen.exitCode(), chosen::toString);
        assertTrue(chosen.out().contains("no errors were found (read data subset 3/3)"), chosen::toString);
    }

    @Test
    void should_reject_a_data_subset_that_is_not_n_of_N() throws Exception {
        TestSetup setup = TestSetup.create(tmp, ResticBinaries.v018());
        CliRun run = CliRun.of("--config", setup.config().toString(), "check", "--read-data-subset", "4/3");
        assertEquals(2, run.exitCode(), run::toString);
        assertTrue(run.err().contains("--read-data-subset 4/3"), run::toString);
    }
}
