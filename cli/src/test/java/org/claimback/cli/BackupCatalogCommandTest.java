package org.claimback.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.claimback.testing.ResticBinaries;
import org.claimback.testing.TestSetup;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** `claimback catalog backup`: a copy of the catalogue in the repository, findable by plain restic. */
class BackupCatalogCommandTest {
    @TempDir
    Path tmp;

    @Test
    void should_store_the_catalogue_as_a_snapshot_tagged_claimback_catalog_and_never_claimback() throws Exception {
        TestSetup setup = TestSetup.create(tmp, ResticBinaries.v014());

        CliRun run = CliRun.of("--config", setup.config().toString(), "catalog", "backup", "--json");

        assertEquals(0, run.exitCode(), run::toString);
        JsonNode copy = run.json();
        assertEquals("ok", copy.get("state").asText());
        assertEquals("claimback-test", copy.get("host").asText());
        assertTrue(copy.get("schemaVersion").asInt() >= 4, copy::toPrettyString);
        assertTrue(copy.get("bytes").asLong() > 0, copy::toPrettyString);
        assertFalse(run.out().contains(TestSetup.PASSWORD) || run.err().contains(TestSetup.PASSWORD));

        ProcessBuilder pb = new ProcessBuilder(setup.restic().toString(), "snapshots", "--json", "--tag", "claimback-catalog");
        pb.environment().putAll(Map.of("RESTIC_REPOSITORY", setup.repository().toString(),
                "RESTIC_PASSWORD_FILE", setup.passwordFile().toString(), "RESTIC_CACHE_DIR", tmp.resolve("cache").toString()));
        Process restic = pb.start();
        JsonNode list = new ObjectMapper().readTree(restic.getInputStream());
        assertEquals(0, restic.waitFor());
        assertEquals(1, list.size(), list::toString);
        assertTrue(list.get(0).get("id").asText().startsWith(copy.get("snapshotId").asText()), list::toString);
        assertEquals("[\"claimback-catalog\",\"schema=" + copy.get("schemaVersion").asInt() + "\"]",
                list.get(0).get("tags").toString());
        try (var left = Files.list(setup.catalog().getParent())) {
            assertFalse(left.anyMatch(p -> p.getFileName().toString().startsWith(".claimback")), "scratch removed");
        }

        CliRun text = CliRun.of("--config", setup.config().toString(), "catalog", "backup");
        assertEquals(0, text.exitCode(), text::toString);
        assertTrue(text.out().startsWith("copied the catalogue " + setup.catalog()), text::toString);
    }
}
