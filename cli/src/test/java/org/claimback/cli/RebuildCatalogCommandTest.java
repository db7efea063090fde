package org.claimback.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.claimback.testing.ResticBinaries;
import org.claimback.testing.TestSetup;
import org.claimback.testing.TreeManifest;
import org.claimback.testing.VolumeTrees;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The NFS server is lost with its catalogue: `catalog rebuild` from the repository, then claims, backups, restore. */
class RebuildCatalogCommandTest {
    @TempDir
    Path tmp;

    private TestSetup setup;

    private CliRun run(String... args) {
        List<String> all = new ArrayList<>(List.of("--config", setup.config().toString()));
        all.addAll(List.of(args));
        return CliRun.of(all.toArray(String[]::new));
    }

    private CliRun ok(String... args) {
        CliRun r = run(args);
        assertEquals(0, r.exitCode(), r::toString);
        return r;
    }

    @ParameterizedTest(name = "restic {0}")
    @MethodSource("org.claimback.testing.ResticBinaries#all")
    void should_rebuild_a_lost_catalogue_from_its_newest_copy_and_the_tags_of_later_snapshots(Path restic) throws Exception {
        setup = TestSetup.create(tmp, restic);
        Path postgres = setup.export().newVolume("default", "data-postgres-0");
        VolumeTrees.realistic(postgres, 1);
        Path media = setup.export().newVolume("media", "library");
        VolumeTrees.write(media.resolve("film.txt"), "a film".getBytes());
        Path scratch = setup.export().newVolume("default", "scratch");
        VolumeTrees.write(scratch.resolve("vault.db"), "secrets".getBytes());
        ok("claims", "map", scratch.toString(), "apps/vault"); // what tags alone would not know: mapped by hand
        ok("backup", "--all");
        VolumeTrees.write(postgres.resolve("day2.txt"), "second day".getBytes());
        ok("backup", "default/data-postgres-0");
        JsonNode copy = ok("catalog", "backup", "--json").json();
        assertEquals("ok", copy.get("state").asText(), copy::toPrettyString);
        VolumeTrees.write(postgres.resolve("day3.txt"), "third day, after the catalogue copy".getBytes());
        TreeManifest lastState = TreeManifest.of(postgres);
        ok("backup", "default/data-postgres-0");
        List<String> postgresBefore = shortIds(ok("backups", "default/data-postgres-0", "--json").json());
        assertEquals(3, postgresBefore.size());

        deleteCatalogue();
        Path rebuilt = setup.export().newVolume("default", "data-postgres-0"); // the rebuilt cluster's new, empty PV

        JsonNode result = ok("catalog", "rebuild", "--json").json();
        assertEquals(copy.get("shortId").asText(), result.get("copy").get("shortId").asText(), result::toPrettyString);
        assertTrue(result.get("copyNote").isNull(), result::toPrettyString);
        assertEquals(1, result.get("added").get("snapshots").asInt(), "only the backup after the copy comes from tags");
        assertEquals(0, result.get("snapshotsDropped").asInt());
        assertEquals(1, result.get("runsInterrupted").asInt(), "the catalogue backup was running in its own copy");
        assertEquals(0, result.get("movedAside").size(), "there was no catalogue to move aside");

        Map<String, JsonNode> claims = byName(ok("claims", "--json").json());
        JsonNode vault = claims.get("apps/vault");
        assertNotNull(vault, claims::toString);
        assertEquals("manual", vault.get("mappedBy").asText(), "the manual mapping came back with the copy");
        assertEquals(scratch.toString(), vault.get("volumes").get(0).get("path").asText());
        assertFalse(vault.get("lastBackup").isNull());
        assertFalse(claims.get("media/library").get("lastBackup").isNull());
        assertFalse(claims.get("default-data-postgres-0").get("lastBackup").isNull(), "ambiguous key, known by its key");

        JsonNode backups = ok("backups", "default/data-postgres-0", "--json").json();
        assertEquals(postgresBefore, shortIds(backups), "every snapshot, the newest (from tags) included");
        JsonNode newest = backups.get("snapshots").get(0);
        boolean summaries = ResticBinaries.versionOf(restic).compareTo("0.17") >= 0;
        assertEquals(summaries ? lastState.entries().values().stream().filter(e -> e.type().equals("file")).count() : 0,
                newest.get("files").asLong(), "totals from the snapshot's summary, unknown without one: " + newest);
        assertEquals(1, ok("backups", "apps/vault", "--json").json().get("snapshots").size());

        CliRun restore = run("restore", "default/data-postgres-0", "--into", rebuilt.toString(), "--json");
        if (summaries) {
            assertEquals(0, restore.exitCode(), restore::toString);
            assertEquals(newest.get("id").asText(), restore.json().get("snapshot").get("id").asText());
        } else {
            // restic 0.14 keeps no totals in the snapshot: the restore can't check the count against
            // it unless it counts with `restic ls` (the restore helper's job); the data must be right either way
            assertTrue(restore.exitCode() == 0 || restore.err().contains("INCOMPLETE"), restore::toString);
        }
        assertEquals(List.of(), lastState.differences(TreeManifest.of(rebuilt)), "restored tree differs from the last backup");
    }

    @ParameterizedTest(name = "restic {0}")
    @MethodSource("org.claimback.testing.ResticBinaries#all")
    void should_rebuild_from_the_tags_alone_on_a_machine_without_a_catalogue(Path restic) throws Exception {
        setup = TestSetup.create(tmp, restic);
        Path media = setup.export().newVolume("media", "library");
        VolumeTrees.write(media.resolve("film.txt"), "a film".getBytes());
        Path scratch = setup.export().newVolume("default", "scratch");
        VolumeTrees.write(scratch.resolve("vault.db"), "secrets".getBytes());
        ok("claims", "map", scratch.toString(), "apps/vault");
        ok("backup", "--all");
        ok("catalog", "backup"); // there is a copy, and --from-tags-only must not use it
        deleteTree(setup.catalog().getParent()); // a fresh machine: not even the catalogue's directory

        JsonNode result = ok("catalog", "rebuild", "--from-tags-only", "--json").json();
        assertTrue(result.get("copy").isNull(), result::toPrettyString);
        assertTrue(result.get("copyNote").asText().contains("--from-tags-only"), result::toPrettyString);
        assertEquals(2, result.get("added").get("claims").asInt(), result::toPrettyString);
        assertEquals(2, result.get("added").get("snapshots").asInt(), result::toPrettyString);
        assertEquals(1, result.get("added").get("mappings").asInt(), "the directory whose name disagrees with its tags");

        Map<String, JsonNode> claims = byName(ok("claims", "--json").json());
        assertFalse(claims.containsKey("catalog"), claims::toString);
        JsonNode vault = claims.get("apps/vault");
        assertNotNull(vault, claims::toString);
        assertEquals(scratch.toString(), vault.get("volumes").get(0).get("path").asText(),
                "the sync after the rebuild keeps the directory with the claim its tags name");
        assertFalse(vault.get("lastBackup").isNull(), vault::toPrettyString);
        assertFalse(claims.get("media/library").get("lastBackup").isNull());
        JsonNode snapshots = ok("backups", "apps/vault", "--json").json().get("snapshots");
        assertEquals(1, snapshots.size());
        assertEquals(scratch.toString(), snapshots.get(0).get("path").asText());
        assertTrue(snapshots.get(0).get("tags").toString().contains("claim=vault"));
    }

    @Test
    void should_move_the_existing_catalogue_aside_byte_for_byte_instead_of_deleting_it() throws Exception {
        setup = TestSetup.create(tmp, ResticBinaries.v014());
        VolumeTrees.write(setup.export().newVolume("media", "library").resolve("film.txt"), "a film".getBytes());
        ok("backup", "--all");
        Map<String, byte[]> before = catalogueFiles();
        assertTrue(before.containsKey(setup.catalog().getFileName().toString()), before::toString);

        JsonNode result = ok("catalog", "rebuild", "--json").json();

        JsonNode aside = result.get("movedAside");
        assertEquals(before.size(), aside.size(), result::toPrettyString);
        Path moved = Path.of(aside.get(0).asText());
        assertEquals(setup.catalog().getParent(), moved.getParent());
        assertTrue(moved.getFileName().toString().matches("catalog\\.db\\.claimback-aside-\\d{8}-\\d{6}"), moved::toString);
        for (Map.Entry<String, byte[]> e : before.entrySet()) {
            String suffix = e.getKey().substring(setup.catalog().getFileName().toString().length());
            assertArrayEquals(e.getValue(), Files.readAllBytes(moved.resolveSibling(moved.getFileName() + suffix)), e.getKey());
        }
        assertTrue(Files.isRegularFile(setup.catalog()));
        assertEquals(1, ok("backups", "media/library", "--json").json().get("snapshots").size());
        try (Stream<Path> files = Files.list(setup.catalog().getParent())) {
            assertFalse(files.anyMatch(p -> p.getFileName().toString().startsWith(".claimback")), "scratch removed");
        }
    }

    @ParameterizedTest(name = "restic {0}")
    @MethodSource("org.claimback.testing.ResticBinaries#all")
    void should_refuse_a_wrong_password_with_exit_2_and_leave_the_catalogue_untouched(Path restic) throws Exception {
        setup = TestSetup.create(tmp, restic);
        VolumeTrees.write(setup.export().newVolume("media", "library").resolve("film.txt"), "a film".getBytes());
        ok("backup", "--all");
        Map<String, byte[]> before = catalogueFiles();
        Files.writeString(setup.passwordFile(), "not the password\n");

        CliRun rebuild = run("catalog", "rebuild");

        assertEquals(2, rebuild.exitCode(), rebuild::toString);
        assertTrue(rebuild.err().contains("wrong password"), rebuild::toString);
        assertFalse(rebuild.err().contains("not the password"), rebuild::toString);
        assertEquals(1, rebuild.err().strip().lines().count(), rebuild::toString);
        Map<String, byte[]> after = catalogueFiles();
        assertEquals(before.keySet(), after.keySet(), "nothing moved, nothing left behind");
        before.forEach((name, bytes) -> assertArrayEquals(bytes, after.get(name), name));
    }

    /** Every file in the catalogue's directory, by name (not the locks/ directory backups make beside it). */
    private Map<String, byte[]> catalogueFiles() throws IOException {
        Map<String, byte[]> files = new HashMap<>();
        try (Stream<Path> list = Files.list(setup.catalog().getParent())) {
            for (Path p : list.filter(Files::isRegularFile).toList()) {
                files.put(p.getFileName().toString(), Files.readAllBytes(p));
            }
        }
        return files;
    }

    private void deleteCatalogue() throws IOException {
        for (String suffix : List.of("", "-wal", "-shm")) {
            Files.deleteIfExists(setup.catalog().resolveSibling(setup.catalog().getFileName() + suffix));
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        try (Stream<Path> all = Files.walk(dir)) {
            for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    private static List<String> shortIds(JsonNode backups) {
        List<String> ids = new ArrayList<>();
        backups.get("snapshots").forEach(s -> ids.add(s.get("shortId").asText()));
        return ids;
    }

    /** Claims by namespace/name when resolved, else by claim key. */
    private static Map<String, JsonNode> byName(JsonNode claims) {
        Map<String, JsonNode> byName = new HashMap<>();
        claims.get("claims").forEach(c -> byName.put(c.get("namespace").isNull() ? c.get("claimKey").asText()
                : c.get("namespace").asText() + "/" + c.get("name").asText(), c));
        return byName;
    }
}
