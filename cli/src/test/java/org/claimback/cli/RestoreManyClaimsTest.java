package org.claimback.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.claimback.catalog.Catalog;
import org.claimback.catalog.RunRecord;
import org.claimback.restore.TargetChoice;
import org.claimback.testing.ResticBinaries;
import org.claimback.testing.TestSetup;
import org.claimback.testing.TreeManifest;
import org.claimback.testing.VolumeTrees;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code restore --all} and {@code --namespace}: a plan, a confirmation, parallel restores, a results table. */
class RestoreManyClaimsTest {
    @TempDir
    Path tmp;

    @Test
    void should_plan_confirm_and_restore_a_rebuilt_cluster_in_parallel_where_one_failure_stops_nothing() throws Exception {
        TestSetup setup = TestSetup.create(tmp, ResticBinaries.v014());
        setup.writeConfig("namespaces: [alpha, beta]\n");
        String[][] claims = {{"alpha", "db"}, {"alpha", "cache"}, {"beta", "web"}, {"beta", "files"}};
        Map<String, TreeManifest> originals = new LinkedHashMap<>();
        List<Path> old = new ArrayList<>();
        for (int i = 0; i < claims.length; i++) {
            Path v = setup.export().newVolume(claims[i][0], claims[i][1]);
            VolumeTrees.write(v.resolve("data/" + claims[i][1] + ".txt"), ("data of " + claims[i][1]).getBytes());
            VolumeTrees.write(v.resolve("blob.bin"), VolumeTrees.bytes(new java.util.Random(i), 100_000 + i));
            VolumeTrees.chown(v.resolve("blob.bin"), 1000 + i, 1000 + i);
            originals.put(claims[i][0] + "/" + claims[i][1], TreeManifest.of(v));
            old.add(v);
        }
        CliRun backup = CliRun.of("--config", setup.config().toString(), "backup", "--all");
        assertEquals(0, backup.exitCode(), backup::toString);
        Map<String, Path> rebuilt = new LinkedHashMap<>();
        for (int i = 0; i < claims.length; i++) {
            setup.export().archive(old.get(i));
            rebuilt.put(claims[i][0] + "/" + claims[i][1], setup.export().newVolume(claims[i][0], claims[i][1]));
        }
        Path busy = rebuilt.get("beta/files");
        Files.writeString(busy.resolve("written-by-the-new-cluster"), "new data");

        CliRun unconfirmed = CliRun.of("--config", setup.config().toString(), "restore", "--all");
        assertEquals(2, unconfirmed.exitCode(), unconfirmed::toString);
        assertTrue(unconfirmed.err().contains("pass --yes"), unconfirmed::toString);
        assertTrue(unconfirmed.out().contains("CLAIM") && unconfirmed.out().contains("3 of 4 claims to restore"),
                "the plan is shown before asking\n" + unconfirmed);
        for (Path dir : rebuilt.values()) {
            assertEquals(dir.equals(busy) ? 1 : 0, TargetChoice.entries(dir), "nothing restored without --yes");
        }

        CliRun beta = CliRun.of("--config", setup.config().toString(), "restore", "--namespace", "beta", "--dry-run", "--json");
        assertEquals(1, beta.exitCode(), "a plan with a skipped claim fails\n" + beta);
        JsonNode plan = beta.json().get("plan");
        assertEquals(2, plan.size(), beta::toString);
        assertEquals("beta-files", plan.get(0).get("claimKey").asText());
        assertEquals("skip", plan.get(0).get("action").asText());
        assertTrue(plan.get(0).get("error").asText().contains("in use with new data"), beta::toString);
        assertEquals("beta-web", plan.get(1).get("claimKey").asText());
        assertEquals("restore", plan.get(1).get("action").asText());
        assertEquals(rebuilt.get("beta/web").toString(), plan.get(1).get("target").asText());
        assertTrue(beta.json().get("dryRun").asBoolean() && beta.json().get("results").isEmpty(), beta::toString);

        CliRun restore = CliRun.of("--config", setup.config().toString(), "restore", "--all", "--yes", "--parallel", "2");

        assertEquals(1, restore.exitCode(), restore::toString);
        List<String> rows = restore.out().lines().filter(l -> l.matches("^(alpha|beta)-\\S+\\s.*")).toList();
        assertEquals(8, rows.size(), "4 plan rows and 4 result rows\n" + restore);
        for (String key : List.of("alpha-cache", "alpha-db", "beta-web")) {
            assertTrue(rows.stream().anyMatch(r -> r.startsWith(key + " ") && r.endsWith("  ok")), key + "\n" + restore);
        }
        assertTrue(rows.stream().anyMatch(r -> r.startsWith("beta-files ") && r.endsWith("  skipped")), restore::toString);
        assertTrue(restore.err().contains("beta-files: skipped: claim beta-files's current volume " + busy), restore::toString);
        assertTrue(restore.err().contains("restoring alpha-db snapshot") && restore.err().contains("restored beta-web: "),
                "plain progress lines without a terminal\n" + restore);
        for (var e : rebuilt.entrySet()) {
            if (!e.getValue().equals(busy)) {
                assertEquals(List.of(), originals.get(e.getKey()).differences(TreeManifest.of(e.getValue())), e.getKey());
            }
        }
        assertEquals(List.of("written-by-the-new-cluster"), Files.list(busy).map(p -> p.getFileName().toString()).toList());
        try (Catalog catalog = Catalog.open(setup.catalog())) {
            List<RunRecord> runs = new ArrayList<>(catalog.runsOfKind("restore", null, 10));
            assertEquals(3, runs.size(), runs::toString);
            assertTrue(runs.stream().allMatch(r -> r.state().equals("ok") && r.duration() != null), runs::toString);
            runs.sort(Comparator.comparing(RunRecord::startedAt));
            assertTrue(runs.get(1).startedAt().isBefore(runs.get(0).endedAt()),
                    "with --parallel 2 the second restore starts before the first ends: " + runs);
        }
    }
}
