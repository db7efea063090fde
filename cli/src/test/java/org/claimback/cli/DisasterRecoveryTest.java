package org.claimback.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.claimback.testing.ResticBinaries;
import org.claimback.testing.TestSetup;
import org.claimback.testing.TreeManifest;
import org.claimback.testing.VolumeTrees;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The day claimback exists for, end to end with real restic: claims backed up over several runs,
 * the cluster rebuilt on disk (new directories; old ones archived or gone), the NFS server's
 * catalogue lost, the catalogue rebuilt from the repository, and every claim restored into its new
 * directory, identical in content and attributes to what was last backed up.
 */
class DisasterRecoveryTest {
    @TempDir
    Path tmp;

    static Stream<Path> restic() {
        return ResticBinaries.all().stream();
    }

    @ParameterizedTest(name = "restic {0}")
    @MethodSource("restic")
    void should_give_a_rebuilt_cluster_every_claims_data_back_after_losing_the_catalogue(Path restic) throws Exception {
        TestSetup setup = TestSetup.create(tmp, restic);
        String config = setup.config().toString();
        Map<String, Path> volumes = new LinkedHashMap<>();
        volumes.put("default/data-postgres-0", setup.export().newVolume("default", "data-postgres-0"));
        volumes.put("media/library", setup.export().newVolume("media", "library"));
        volumes.put("apps/vaultwarden", setup.export().newVolume("apps", "vaultwarden"));
        volumes.put("apps/home-assistant", setup.export().newVolume("apps", "home-assistant"));
        int seed = 1;
        for (Path v : volumes.values()) {
            VolumeTrees.realistic(v, seed++);
        }
        VolumeTrees.chown(volumes.get("default/data-postgres-0"), 999, 999);
        Files.setPosixFilePermissions(volumes.get("default/data-postgres-0"),
                java.nio.file.attribute.PosixFilePermissions.fromString("rwx------"));

        // three nights of backups, the data changing between them; a catalogue copy after the last
        for (int day = 1; day <= 3; day++) {
            for (Path v : volumes.values()) {
                VolumeTrees.write(v.resolve("journal/day-" + day + ".log"), ("day " + day + "\n").getBytes(StandardCharsets.UTF_8));
            }
            CliRun backup = CliRun.of("--config", config, "backup", "--all", "--json");
            assertEquals(0, backup.exitCode(), backup::toString);
        }
        CliRun copy = CliRun.of("--config", config, "catalog", "backup");
        assertEquals(0, copy.exitCode(), copy::toString);
        // one more backup of one claim, newer than the catalogue copy: only the repository's tags know it
        VolumeTrees.write(volumes.get("media/library").resolve("late.txt"), "after the copy\n".getBytes(StandardCharsets.UTF_8));
        CliRun late = CliRun.of("--config", config, "backup", "media/library");
        assertEquals(0, late.exitCode(), late::toString);

        Map<String, TreeManifest> expected = new LinkedHashMap<>();
        for (var e : volumes.entrySet()) {
            expected.put(e.getKey(), TreeManifest.of(e.getValue()));
        }

        // the cluster is rebuilt: old directories archived or gone, new empty ones provisioned
        setup.export().archive(volumes.get("default/data-postgres-0"));
        setup.export().archive(volumes.get("media/library"));
        deleteTree(volumes.get("apps/vaultwarden"));
        deleteTree(volumes.get("apps/home-assistant"));
        Map<String, Path> rebuilt = new LinkedHashMap<>();
        for (String claim : volumes.keySet()) {
            String[] nn = claim.split("/");
            rebuilt.put(claim, setup.export().newVolume(nn[0], nn[1]));
        }

        // the NFS server is lost: no catalogue, no restic cache
        for (String suffix : List.of("", "-wal", "-shm")) {
            Files.deleteIfExists(Path.of(setup.catalog() + suffix));
        }
        deleteTree(tmp.resolve("cache"));

        CliRun rebuild = CliRun.of("--config", config, "catalog", "rebuild");
        assertEquals(0, rebuild.exitCode(), rebuild::toString);

        CliRun backups = CliRun.of("--config", config, "backups", "media/library", "--json");
        assertEquals(0, backups.exitCode(), backups::toString);
        assertEquals(4, backups.json().get("snapshots").size(), backups::toString);

        CliRun dryRun = CliRun.of("--config", config, "restore", "--all", "--dry-run");
        assertEquals(0, dryRun.exitCode(), dryRun::toString);
        for (Path target : rebuilt.values()) {
            assertTrue(dryRun.out().contains(target.toString()), dryRun::toString);
            assertTrue(isEmpty(target), "a dry run restored into " + target);
        }

        CliRun restore = CliRun.of("--config", config, "restore", "--all", "--yes", "--json");
        assertEquals(0, restore.exitCode(), restore::toString);
        for (String claim : volumes.keySet()) {
            List<String> diffs = expected.get(claim).differences(TreeManifest.of(rebuilt.get(claim)));
            assertEquals(List.of(), diffs, claim + " differs after the restore\n" + restore);
        }
        JsonNode results = restore.json().get("results");
        assertEquals(4, results.size(), restore::toString);
        assertFalse(Files.exists(volumes.get("apps/vaultwarden")), "a gone directory came back");
    }

    private static boolean isEmpty(Path dir) throws Exception {
        try (var s = Files.list(dir)) {
            return s.findAny().isEmpty();
        }
    }

    private static void deleteTree(Path dir) throws Exception {
        if (!Files.exists(dir)) {
            return;
        }
        try (var paths = Files.walk(dir)) {
            for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
