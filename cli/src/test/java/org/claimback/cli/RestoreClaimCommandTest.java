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
import org.claimback.catalog.Catalog;
import org.claimback.catalog.RunRecord;
import org.claimback.restore.TargetChoice;
import org.claimback.testing.ResticBinaries;
import org.claimback.testing.TestSetup;
import org.claimback.testing.TreeManifest;
import org.claimback.testing.VolumeTrees;
import org.junit.jupiter.api.Test;
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
    void should_restore_a_claim_into_the_rebuilt_clusters_new_volume_without_being_told_where(Path restic) throws Exception {
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

        // The cluster is rebuilt: the old directory is archived, the provisioner makes a new, empty one.
        Path archived = setup.export().archive(postgres);
        TreeManifest archivedBefore = TreeManifest.of(archived);
        Path rebuilt = setup.export().newVolume("default", "data-postgres-0");
        Files.writeString(media.resolve("small.txt"), "changed after the backup");

        CliRun dryRun = CliRun.of("--config", setup.config().toString(), "restore", "default/data-postgres-0", "--dry-run");
        assertEquals(0, dryRun.exitCode(), dryRun::toString);
        assertTrue(dryRun.out().contains("would restore default-data-postgres-0 snapshot " + snapshots.get(0).get("shortId").asText())
                && dryRun.out().contains("into " + rebuilt + ": the claim's new empty volume")
                && dryRun.out().contains("nothing changed"), dryRun::toString);
        assertEquals(0, TargetChoice.entries(rebuilt), "a dry run writes nothing");
        try (Catalog catalog = Catalog.open(setup.catalog())) {
            assertEquals(List.of(), catalog.runsOfKind("restore", null, 10), "a dry run records no run");
        }

        CliRun restore = CliRun.of("--config", setup.config().toString(), "restore", "default/data-postgres-0", "--json");
        assertEquals(0, restore.exitCode(), restore::toString);
        JsonNode done = restore.json();
        assertEquals(snapshots.get(0).get("id").asText(), done.get("snapshot").get("id").asText());
        assertEquals(rebuilt.toString(), done.get("target").asText());
        assertTrue(done.get("reason").asText().contains("new empty volume"), restore::toString);
        assertEquals("ok", done.get("state").asText());
        assertTrue(done.get("movedAside").isNull());
        assertEquals(List.of(), original.differences(TreeManifest.of(rebuilt)), "restored tree differs from the original");
        assertEquals(List.of(), archivedBefore.differences(TreeManifest.of(archived)), "the archived volume was touched");
        try (Catalog catalog = Catalog.open(setup.catalog())) {
            List<RunRecord> runs = catalog.runsOfKind("restore", null, 10);
            assertEquals(1, runs.size(), runs::toString);
            assertEquals("ok", runs.get(0).state());
            assertEquals(rebuilt.toString(), runs.get(0).target());
            assertEquals(done.get("files").asLong(), runs.get(0).files());
            assertEquals(done.get("runId").asLong(), runs.get(0).id());
            assertTrue(runs.get(0).duration() != null && !runs.get(0).duration().isNegative(), runs::toString);
        }
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
    void should_restore_into_the_same_directory_only_when_empty_or_with_force_which_moves_content_aside(Path restic)
            throws Exception {
        TestSetup setup = TestSetup.create(tmp, restic);
        Path data = setup.export().newVolume("default", "web");
        VolumeTrees.realistic(data, 4);
        TreeManifest original = TreeManifest.of(data);
        assertEquals(0, CliRun.of("--config", setup.config().toString(), "backup", "default/web").exitCode());
        VolumeTrees.write(data.resolve("written-after-backup.txt"), "keep me".getBytes());
        Files.delete(data.resolve("small.txt"));
        TreeManifest current = TreeManifest.of(data);

        CliRun refused = CliRun.of("--config", setup.config().toString(), "restore", "default/web");
        assertEquals(2, refused.exitCode(), refused::toString);
        assertTrue(refused.err().contains("is the directory the snapshot was taken of and is not empty")
                && refused.err().contains("--force") && refused.err().contains("--into DIR")
                && refused.err().contains("--to-new-pv"), refused::toString);
        assertEquals(List.of(), current.differences(TreeManifest.of(data)), "a refused restore changes nothing");

        CliRun restore = CliRun.of("--config", setup.config().toString(), "restore", "default/web", "--force", "--json");

        assertEquals(0, restore.exitCode(), restore::toString);
        assertTrue(restore.json().get("reason").asText().contains("--force moves its"), restore::toString);
        Path aside = Path.of(restore.json().get("movedAside").asText());
        assertEquals(data.getParent(), aside.getParent());
        assertTrue(aside.getFileName().toString().startsWith(data.getFileName() + ".claimback-aside-"), aside::toString);
        assertEquals(List.of(), original.differences(TreeManifest.of(data)), "target holds the snapshot");
        TreeManifest moved = TreeManifest.of(aside);
        List<String> movedDiffs = current.differences(moved).stream().filter(d -> !d.startsWith(".:")).toList();
        assertEquals(List.of(), movedDiffs, "the aside folder holds the previous content");
    }

    @Test
    void should_restore_a_claim_without_a_volume_into_a_new_pv_and_write_its_manifest() throws Exception {
        TestSetup setup = TestSetup.create(tmp, ResticBinaries.v018());
        setup.writeConfig("namespaces: [apps]\n");
        Path data = setup.export().newVolume("apps", "vault");
        VolumeTrees.realistic(data, 5);
        TreeManifest original = TreeManifest.of(data);
        assertEquals(0, CliRun.of("--config", setup.config().toString(), "backup", "apps/vault").exitCode());
        setup.export().archive(data); // the claim is gone from the cluster

        CliRun noVolume = CliRun.of("--config", setup.config().toString(), "restore", "apps/vault");
        assertEquals(2, noVolume.exitCode(), noVolume::toString);
        assertTrue(noVolume.err().contains("no live volume") && noVolume.err().contains("--to-new-pv"), noVolume::toString);

        Path manifest = tmp.resolve("vault-pv.yaml");
        Files.writeString(manifest, "someone else's file");
        long dirs;
        try (Stream<Path> list = Files.list(setup.export().root())) {
            dirs = list.count();
        }
        CliRun exists = CliRun.of("--config", setup.config().toString(), "restore", "apps/vault", "--to-new-pv",
                "--manifest", manifest.toString());
        assertEquals(2, exists.exitCode(), exists::toString);
        assertTrue(exists.err().contains("already exists"), exists::toString);
        assertEquals("someone else's file", Files.readString(manifest));
        try (Stream<Path> list = Files.list(setup.export().root())) {
            assertEquals(dirs, list.count(), "a refused --to-new-pv creates no directory");
        }
        Files.delete(manifest);

        CliRun restore = CliRun.of("--config", setup.config().toString(), "restore", "apps/vault", "--to-new-pv",
                "--manifest", manifest.toString(), "--json");

        assertEquals(0, restore.exitCode(), restore::toString);
        Path target = Path.of(restore.json().get("target").asText());
        assertEquals(setup.export().root(), target.getParent());
        assertTrue(target.getFileName().toString().startsWith("apps-vault-pvc-"), target::toString);
        assertTrue(restore.json().get("manifest").isNull(), "the manifest went to the file");
        assertEquals(List.of(), original.differences(TreeManifest.of(target)));
        String yaml = Files.readString(manifest);
        String pvName = target.getFileName().toString().substring("apps-vault-".length());
        assertTrue(yaml.contains("kind: PersistentVolume") && yaml.contains("kind: PersistentVolumeClaim")
                && yaml.contains("volumeName: " + pvName), yaml);
        assertEquals(0, CliRun.of("--config", setup.config().toString(), "claims").exitCode());
        try (Catalog catalog = Catalog.open(setup.catalog())) {
            var claim = catalog.claimNamed("apps", "vault").orElseThrow();
            var current = catalog.volumesOf(claim.id()).stream().filter(v -> v.current()).findFirst().orElseThrow();
            assertEquals(target.toString(), current.path(), "the new PV directory is the claim's volume now");
        }
    }
}
