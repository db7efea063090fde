package org.claimback.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
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

/** The whole path with real restic: back up an export, "rebuild" the cluster, restore one claim into its new volume. */
class RestoreClaimCommandTest {
    @TempDir
    Path tmp;

    static Stream<Path> restic() {
        return ResticBinaries.all().stream();
    }

    @ParameterizedTest(name = "restic {0}")
    @MethodSource("restic")
    void should_restore_a_claim_into_its_rebuilt_volume_identical_in_content_and_metadata(Path restic) throws Exception {
        TestSetup setup = TestSetup.create(tmp, restic);
        Path postgres = setup.export().newVolume("default", "data-postgres-0");
        VolumeTrees.realistic(postgres, 1);
        VolumeTrees.chown(postgres, 1000, 1000);
        Files.setPosixFilePermissions(postgres, java.nio.file.attribute.PosixFilePermissions.fromString("rwxrwxr-x"));
        Path media = setup.export().newVolume("media", "library");
        VolumeTrees.realistic(media, 2);
        Path other = setup.export().newVolume("kube-system", "cache");
        VolumeTrees.write(other.resolve("x"), "other claim".getBytes());
        TreeManifest original = TreeManifest.of(postgres);

        CliRun backup = CliRun.of("--config", setup.config().toString(), "backup", "--all", "--json");
        assertEquals(0, backup.exitCode(), backup::toString);
        JsonNode results = backup.json().get("results");
        assertEquals(3, results.size(), backup::toString);
        for (JsonNode r : results) {
            assertEquals("ok", r.get("state").asText(), backup::toString);
        }

        CliRun backups = CliRun.of("--config", setup.config().toString(), "backups", "default/data-postgres-0", "--json");
        assertEquals(0, backups.exitCode(), backups::toString);
        JsonNode snapshots = backups.json().get("snapshots");
        assertEquals(1, snapshots.size(), backups::toString);
        assertEquals(postgres.toString(), snapshots.get(0).get("path").asText());

        // The cluster is rebuilt: the provisioner makes a new, empty directory for the same claim.
        Path rebuilt = setup.export().newVolume("default", "data-postgres-0");
        Files.writeString(media.resolve("small.txt"), "changed after the backup");

        CliRun restore = CliRun.of("--config", setup.config().toString(), "restore", "default/data-postgres-0",
                "--into", rebuilt.toString(), "--json");
        assertEquals(0, restore.exitCode(), restore::toString);
        JsonNode done = restore.json();
        assertEquals(snapshots.get(0).get("id").asText(), done.get("snapshot").get("id").asText());
        assertEquals(rebuilt.toString(), done.get("target").asText());
        assertTrue(done.get("movedAside").isNull());

        List<String> differences = original.differences(TreeManifest.of(rebuilt));
        assertEquals(List.of(), differences, "restored tree differs from the original");
    }

    @ParameterizedTest(name = "restic {0}")
    @MethodSource("restic")
    void should_let_plain_restic_find_a_claims_snapshots_by_tag(Path restic) throws Exception {
        TestSetup setup = TestSetup.create(tmp, restic);
        setup.writeConfig("namespaces: [apps, default]\n"); // settles apps-vaultwarden-data as apps/vaultwarden-data
        Path data = setup.export().newVolume("apps", "vaultwarden-data");
        VolumeTrees.write(data.resolve("db.sqlite3"), "not really".getBytes());
        setup.export().newVolume("apps", "other");
        CliRun backup = CliRun.of("--config", setup.config().toString(), "backup", "apps/vaultwarden-data");
        assertEquals(0, backup.exitCode(), backup::toString);

        ProcessBuilder pb = new ProcessBuilder(restic.toString(), "snapshots", "--json", "--tag", "claim-key=apps-vaultwarden-data");
        pb.environment().putAll(Map.of("RESTIC_REPOSITORY", setup.repository().toString(),
                "RESTIC_PASSWORD_FILE", setup.passwordFile().toString(), "RESTIC_CACHE_DIR", tmp.resolve("cache").toString()));
        Process found = pb.start();
        JsonNode list = new com.fasterxml.jackson.databind.ObjectMapper().readTree(found.getInputStream());
        assertEquals(0, found.waitFor());
        assertEquals(1, list.size(), list::toString);
        JsonNode tags = list.get(0).get("tags");
        List<String> tagList = new java.util.ArrayList<>();
        tags.forEach(t -> tagList.add(t.asText()));
        assertTrue(tagList.containsAll(List.of("claimback", "claim-key=apps-vaultwarden-data", "namespace=apps",
                "claim=vaultwarden-data")), tagList::toString);
        assertTrue(tagList.stream().anyMatch(t -> t.startsWith("pv=pvc-")), tagList::toString);
        assertEquals("claimback-test", list.get(0).get("hostname").asText());
        assertEquals(List.of(data.toString()), List.of(list.get(0).get("paths").get(0).asText()));
    }

    @ParameterizedTest(name = "restic {0}")
    @MethodSource("restic")
    void should_refuse_a_non_empty_target_and_leave_it_untouched(Path restic) throws Exception {
        TestSetup setup = TestSetup.create(tmp, restic);
        Path data = setup.export().newVolume("default", "web");
        VolumeTrees.realistic(data, 3);
        assertEquals(0, CliRun.of("--config", setup.config().toString(), "backup", "default/web").exitCode());
        Path target = setup.export().newVolume("default", "web");
        VolumeTrees.write(target.resolve("precious.txt"), "do not touch".getBytes());
        TreeManifest before = TreeManifest.of(target);

        CliRun restore = CliRun.of("--config", setup.config().toString(), "restore", "default/web", "--into", target.toString());

        assertEquals(2, restore.exitCode(), restore::toString);
        assertTrue(restore.err().contains("is not empty") && restore.err().contains("--force"), restore::toString);
        assertEquals(1, restore.err().strip().lines().filter(l -> l.startsWith("claimback:")).count(), restore::toString);
        assertEquals(List.of(), before.differences(TreeManifest.of(target)));
        try (Stream<Path> siblings = Files.list(setup.export().root())) {
            assertFalse(siblings.anyMatch(p -> p.getFileName().toString().contains("aside")));
        }
    }

    @ParameterizedTest(name = "restic {0}")
    @MethodSource("restic")
    void should_move_existing_content_aside_with_force_and_delete_nothing(Path restic) throws Exception {
        TestSetup setup = TestSetup.create(tmp, restic);
        Path data = setup.export().newVolume("default", "web");
        VolumeTrees.realistic(data, 4);
        TreeManifest original = TreeManifest.of(data);
        assertEquals(0, CliRun.of("--config", setup.config().toString(), "backup", "default/web").exitCode());
        VolumeTrees.write(data.resolve("written-after-backup.txt"), "keep me".getBytes());
        Files.delete(data.resolve("small.txt"));
        TreeManifest current = TreeManifest.of(data);

        CliRun restore = CliRun.of("--config", setup.config().toString(), "restore", "default/web", "--into",
                data.toString(), "--force", "--json");

        assertEquals(0, restore.exitCode(), restore::toString);
        Path aside = Path.of(restore.json().get("movedAside").asText());
        assertEquals(data.getParent(), aside.getParent());
        assertTrue(aside.getFileName().toString().startsWith(data.getFileName() + ".claimback-aside-"), aside::toString);
        assertEquals(List.of(), original.differences(TreeManifest.of(data)), "target holds the snapshot");
        TreeManifest moved = TreeManifest.of(aside);
        List<String> movedDiffs = current.differences(moved).stream().filter(d -> !d.startsWith(".:")).toList();
        assertEquals(List.of(), movedDiffs, "the aside folder holds the previous content");
    }
}
