package org.claimback.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.claimback.testing.TestInventory;
import org.claimback.testing.TestSetup;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * How directories become claims in {@code claims --json}: names, namespaces, inventories, manual
 * mappings and memory, across layouts and cluster rebuilds. Nothing here runs restic.
 */
class ClaimMappingTest {
    @TempDir
    Path tmp;
    TestSetup setup;

    @BeforeEach
    void setUp() throws Exception {
        setup = TestSetup.create(tmp, Path.of("/usr/bin/restic"));
    }

    private JsonNode claims() {
        CliRun run = CliRun.of("--config", setup.config().toString(), "claims", "--json");
        assertEquals(0, run.exitCode(), run::toString);
        return run.json();
    }

    private static List<JsonNode> withKey(JsonNode claims, String key) {
        List<JsonNode> found = new ArrayList<>();
        claims.get("claims").forEach(c -> {
            if (c.get("claimKey").asText().equals(key)) {
                found.add(c);
            }
        });
        return found;
    }

    private static JsonNode only(JsonNode claims, String key) {
        List<JsonNode> found = withKey(claims, key);
        assertEquals(1, found.size(), () -> key + " in " + claims.toPrettyString());
        return found.get(0);
    }

    private static String pvOf(Path dir) {
        String name = dir.getFileName().toString();
        return name.substring(name.indexOf("pvc-", name.length() - 40));
    }

    @Test
    void should_resolve_a_unique_split_and_list_candidates_of_an_ambiguous_one() throws Exception {
        setup.export().newVolume("media", "library");
        setup.export().newVolume("kube-system", "data");
        JsonNode claims = claims();
        JsonNode media = only(claims, "media-library");
        assertEquals("media", media.get("namespace").asText());
        assertEquals("library", media.get("name").asText());
        assertEquals("name", media.get("mappedBy").asText());
        JsonNode ks = only(claims, "kube-system-data");
        assertTrue(ks.get("namespace").isNull());
        assertEquals(2, ks.get("candidates").size(), ks::toPrettyString);
    }

    @Test
    void should_settle_ambiguity_with_the_namespaces_list() throws Exception {
        setup.writeConfig("namespaces: [kube-system, default]\n");
        setup.export().newVolume("kube-system", "data");
        setup.export().newVolume("default", "data.v1-postgres-0");
        JsonNode claims = claims();
        assertEquals("kube-system", only(claims, "kube-system-data").get("namespace").asText());
        JsonNode dotted = only(claims, "default-data.v1-postgres-0");
        assertEquals("default", dotted.get("namespace").asText());
        assertEquals("data.v1-postgres-0", dotted.get("name").asText());
    }

    @Test
    void should_resolve_names_from_an_imported_inventory_and_keep_storage_details() throws Exception {
        Path a = setup.export().newVolume("kube-system", "data");
        Path inventory = new TestInventory().nfsPv(a, pvOf(a), "kube-system", "data").write(tmp.resolve("pvs.json"));
        CliRun run = CliRun.of("--config", setup.config().toString(), "inventory", "import", inventory.toString(), "--json");
        assertEquals(0, run.exitCode(), run::toString);
        assertEquals(1, run.json().get("matched").asInt(), run::toString);
        JsonNode claim = only(claims(), "kube-system-data");
        assertEquals("kube-system", claim.get("namespace").asText());
        assertEquals("inventory", claim.get("mappedBy").asText());
        assertEquals(pvOf(a), claim.get("volumes").get(0).get("pv").asText());
    }

    @Test
    void should_keep_two_real_claims_apart_when_they_share_a_claim_key() throws Exception {
        Path one = setup.export().newVolume("default", "test-claim");
        Path two = setup.export().newVolume("default-test", "claim");
        Path inventory = new TestInventory().nfsPv(one, pvOf(one), "default", "test-claim")
                .nfsPv(two, pvOf(two), "default-test", "claim").write(tmp.resolve("pvs.json"));
        assertEquals(0, CliRun.of("--config", setup.config().toString(), "inventory", "import", inventory.toString()).exitCode());
        List<JsonNode> both = withKey(claims(), "default-test-claim");
        assertEquals(2, both.size(), both::toString);
        for (JsonNode c : both) {
            assertEquals(1, c.get("volumes").size(), c::toPrettyString);
            String dir = c.get("volumes").get(0).get("path").asText();
            String expected = c.get("namespace").asText().equals("default") ? one.toString() : two.toString();
            assertEquals(expected, dir);
        }
        CliRun ambiguous = CliRun.of("--config", setup.config().toString(), "backups", "default-test-claim");
        assertEquals(2, ambiguous.exitCode(), ambiguous::toString);
        assertTrue(ambiguous.err().contains("default/test-claim") && ambiguous.err().contains("default-test/claim"), ambiguous::toString);
    }

    @Test
    void should_remember_an_inventory_mapping_after_the_inventory_is_gone() throws Exception {
        Path a = setup.export().newVolume("kube-system", "data");
        Path inventory = new TestInventory().nfsPv(a, pvOf(a), "kube-system", "data").write(tmp.resolve("pvs.json"));
        setup.writeConfig("inventory:\n  files: [" + inventory + "]\n");
        assertEquals("inventory", only(claims(), "kube-system-data").get("mappedBy").asText());
        Files.delete(inventory);
        JsonNode claims = claims();
        JsonNode claim = only(claims, "kube-system-data");
        assertEquals("kube-system", claim.get("namespace").asText());
        assertTrue(claims.get("problems").toString().contains("cannot be read"), claims::toPrettyString);
    }

    @Test
    void should_follow_a_claim_to_its_new_directory_after_a_rebuild() throws Exception {
        Path old = setup.export().newVolume("kube-system", "data");
        Path inventory = new TestInventory().nfsPv(old, pvOf(old), "kube-system", "data").write(tmp.resolve("pvs.json"));
        assertEquals(0, CliRun.of("--config", setup.config().toString(), "inventory", "import", inventory.toString()).exitCode());
        claims();
        Path rebuilt = setup.export().newVolume("kube-system", "data");
        JsonNode claim = only(claims(), "kube-system-data");
        assertEquals("kube-system", claim.get("namespace").asText());
        assertEquals(2, claim.get("volumes").size(), claim::toPrettyString);
        for (JsonNode v : claim.get("volumes")) {
            assertEquals(v.get("path").asText().equals(rebuilt.toString()), v.get("current").asBoolean(), claim::toPrettyString);
            assertEquals("live", v.get("state").asText());
        }
        Files.move(old, old.resolveSibling("archived-" + old.getFileName()));
        claim = only(claims(), "kube-system-data");
        assertEquals(2, claim.get("volumes").size(), claim::toPrettyString);
        for (JsonNode v : claim.get("volumes")) {
            boolean isOld = !v.get("path").asText().equals(rebuilt.toString());
            assertEquals(isOld ? "archived" : "live", v.get("state").asText(), claim::toPrettyString);
            if (isOld) {
                assertEquals(old.resolveSibling("archived-" + old.getFileName()).toString(), v.get("path").asText());
            }
        }
    }

    @Test
    void should_let_a_manual_mapping_win_and_report_a_disagreeing_inventory() throws Exception {
        Path a = setup.export().newVolume("kube-system", "data");
        Path inventory = new TestInventory().nfsPv(a, pvOf(a), "kube", "system-data").write(tmp.resolve("pvs.json"));
        setup.writeConfig("inventory:\n  files: [" + inventory + "]\n");
        CliRun map = CliRun.of("--config", setup.config().toString(), "claims", "map", a.toString(), "kube-system/data");
        assertEquals(0, map.exitCode(), map::toString);
        assertTrue(map.err().contains("warning") && map.err().contains("kube/system-data"), map::toString);
        JsonNode claims = claims();
        JsonNode claim = only(claims, "kube-system-data");
        assertEquals("manual", claim.get("mappedBy").asText());
        assertEquals("kube-system", claim.get("namespace").asText());
        assertTrue(claims.get("problems").toString().contains("manual mapping wins"), claims::toPrettyString);
    }

    @Test
    void should_refuse_to_map_a_directory_that_is_no_volume() throws Exception {
        Path stray = Files.createDirectories(setup.export().root().resolve("not-a-volume"));
        CliRun map = CliRun.of("--config", setup.config().toString(), "claims", "map", stray.toString(), "default/x");
        assertEquals(2, map.exitCode(), map::toString);
        CliRun bad = CliRun.of("--config", setup.config().toString(), "claims", "map", stray.toString(), "Default/x");
        assertEquals(2, bad.exitCode(), bad::toString);
    }

    @Test
    void should_map_csi_default_volumes_only_through_an_inventory() throws Exception {
        setup.writeConfig("");
        String config = Files.readString(setup.config()).replace("  - path: " + setup.export().root() + "\n",
                "  - path: " + setup.export().root() + "\n    layout: csi-nfs\n");
        Files.writeString(setup.config(), config);
        String pv = "pvc-" + UUID.randomUUID();
        Path dir = Files.createDirectories(setup.export().root().resolve(pv));
        JsonNode unmapped = only(claims(), pv);
        assertEquals("none", unmapped.get("mappedBy").asText());
        assertTrue(unmapped.get("namespace").isNull());
        Path inventory = new TestInventory().csiPv(setup.export().root(), pv, pv, "apps", "vaultwarden").write(tmp.resolve("pvs.json"));
        assertEquals(0, CliRun.of("--config", setup.config().toString(), "inventory", "import", inventory.toString()).exitCode());
        JsonNode claims = claims();
        JsonNode mapped = only(claims, "apps-vaultwarden");
        assertEquals("inventory", mapped.get("mappedBy").asText());
        assertEquals(dir.toString(), mapped.get("volumes").get(0).get("path").asText());
        assertEquals(0, withKey(claims, pv).stream().filter(c -> c.get("volumes").size() > 0).count(), claims::toPrettyString);
        assertNotNull(mapped.get("volumes").get(0).get("layout"));
        assertFalse(mapped.get("volumes").get(0).get("layout").asText().isEmpty());
    }

    @Test
    void should_map_a_templated_layout_exactly_and_reuse_its_directory() throws Exception {
        String config = Files.readString(setup.config()).replace("  - path: " + setup.export().root() + "\n",
                "  - path: " + setup.export().root() + "\n    pattern: \"${.PVC.namespace}/${.PVC.name}\"\n");
        Files.writeString(setup.config(), config);
        Files.createDirectories(setup.export().root().resolve("kube-system/data-postgres-0"));
        JsonNode claim = only(claims(), "kube-system-data-postgres-0");
        assertEquals("kube-system", claim.get("namespace").asText());
        assertEquals("data-postgres-0", claim.get("name").asText());
        assertEquals(1, claim.get("volumes").size());
    }
}
