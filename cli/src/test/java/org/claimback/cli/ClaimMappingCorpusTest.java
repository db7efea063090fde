package org.claimback.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import org.claimback.testing.TestInventory;
import org.claimback.testing.TestSetup;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A generated corpus of a few hundred real-world-shaped claims (hyphenated namespaces, dotted
 * names, StatefulSet ordinals, claims that share a claim key, csi volumes), checked against the
 * truth: without an inventory a claim is either mapped right or left ambiguous with the truth
 * among its candidates, never mapped wrongly; with the inventory every claim is mapped right;
 * after the inventory is gone the mapping is remembered; after a rebuild each claim follows
 * its new directory.
 */
class ClaimMappingCorpusTest {
    private static final String[] NAMESPACES = {"default", "kube-system", "media", "home-assistant", "monitoring",
        "apps", "db", "team-a", "team-a-prod", "argo-cd", "x"};
    private static final String[] CLAIMS = {"data", "data-postgres-0", "data-postgres-1", "config", "library.v2",
        "prometheus-db-prometheus-0", "redis-data-redis-master-0", "a", "cache.tmp", "export-2024.01", "www-web-2"};

    @TempDir
    Path tmp;

    record Truth(String namespace, String name, Path dir, String pv) {
        String key() {
            return namespace + "-" + name;
        }
    }

    @Test
    void should_never_map_a_claim_wrongly_with_or_without_an_inventory() throws Exception {
        TestSetup setup = TestSetup.create(tmp, Path.of("/usr/bin/restic"));
        Path csiRoot = Files.createDirectories(tmp.resolve("csi-export"));
        Files.writeString(setup.config(), Files.readString(setup.config()).replace("repository:",
                "  - path: " + csiRoot + "\n    layout: csi-nfs\nrepository:"));
        Random random = new Random(4711);
        List<Truth> truths = new ArrayList<>();
        Map<String, Truth> byName = new LinkedHashMap<>();
        for (String ns : NAMESPACES) {
            for (String claim : CLAIMS) {
                if (random.nextInt(3) == 0) {
                    continue;
                }
                boolean csi = random.nextInt(5) == 0;
                String pv = "pvc-" + UUID.randomUUID();
                Path dir = csi ? Files.createDirectory(csiRoot.resolve(pv))
                        : Files.createDirectory(setup.export().root().resolve(ns + "-" + claim + "-" + pv));
                Truth t = new Truth(ns, claim, dir, pv);
                truths.add(t);
                byName.put(ns + "/" + claim, t);
            }
        }
        // claims sharing a key: team-a/prod-data and team-a-prod/data both exist
        for (String[] pair : new String[][] {{"team-a", "prod-data"}, {"team-a-prod", "data"}}) {
            if (!byName.containsKey(pair[0] + "/" + pair[1])) {
                String pv = "pvc-" + UUID.randomUUID();
                Truth t = new Truth(pair[0], pair[1],
                        Files.createDirectory(setup.export().root().resolve(pair[0] + "-" + pair[1] + "-" + pv)), pv);
                truths.add(t);
                byName.put(pair[0] + "/" + pair[1], t);
            }
        }
        assertTrue(truths.size() > 60, "corpus too small: " + truths.size());

        // 1. names only: right or ambiguous (truth among candidates), never wrong
        JsonNode claims = claims(setup);
        Map<String, JsonNode> byDir = volumesByDir(claims);
        for (Truth t : truths) {
            JsonNode c = byDir.get(t.dir().toString());
            assertTrue(c != null, () -> "volume not listed: " + t);
            if (t.dir().startsWith(csiRoot)) {
                assertEquals("none", c.get("mappedBy").asText(), c::toPrettyString);
                assertTrue(c.get("namespace").isNull());
            } else if (!c.get("namespace").isNull()) {
                assertEquals(t.namespace() + "/" + t.name(), c.get("namespace").asText() + "/" + c.get("name").asText(),
                        () -> "mapped wrongly by name: " + t + "\n" + c.toPrettyString());
            } else {
                boolean among = false;
                for (JsonNode cand : c.get("candidates")) {
                    among |= cand.get("namespace").asText().equals(t.namespace()) && cand.get("name").asText().equals(t.name());
                }
                assertTrue(among, () -> "truth not among the candidates: " + t + "\n" + c.toPrettyString());
            }
        }

        // 2. with the inventory: every claim mapped right, by the inventory
        TestInventory inventory = new TestInventory();
        for (Truth t : truths) {
            if (t.dir().startsWith(csiRoot)) {
                inventory.csiPv(csiRoot, t.pv(), t.pv(), t.namespace(), t.name());
            } else {
                inventory.nfsPv(t.dir(), t.pv(), t.namespace(), t.name());
            }
        }
        Path file = inventory.write(tmp.resolve("pvs.json"));
        CliRun imported = CliRun.of("--config", setup.config().toString(), "inventory", "import", file.toString(), "--json");
        assertEquals(0, imported.exitCode(), imported::toString);
        assertEquals(truths.size(), imported.json().get("matched").asInt(), imported::toString);
        assertAllRight(truths, claims(setup), "inventory");

        // 3. the cluster and its inventory are gone: the remembered mapping still answers
        Files.delete(file);
        assertAllRight(truths, claims(setup), "inventory");

        // 4. a rebuild: every nfs-subdir claim gets a new, empty directory; each follows its claim
        Map<Truth, Path> rebuilt = new HashMap<>();
        for (Truth t : truths) {
            if (!t.dir().startsWith(csiRoot)) {
                rebuilt.put(t, Files.createDirectory(setup.export().root().resolve(t.key() + "-pvc-" + UUID.randomUUID())));
            }
        }
        JsonNode after = claims(setup);
        for (Map.Entry<Truth, Path> e : rebuilt.entrySet()) {
            Truth t = e.getKey();
            JsonNode c = volumesByDir(after).get(e.getValue().toString());
            if (c.get("namespace").isNull()) {
                // two real claims share this key: a new directory can't be told apart by name
                assertTrue(truths.stream().filter(x -> x.key().equals(t.key())).count() > 1, c::toPrettyString);
                continue;
            }
            assertEquals(t.namespace() + "/" + t.name(), c.get("namespace").asText() + "/" + c.get("name").asText(), c::toPrettyString);
            for (JsonNode v : c.get("volumes")) {
                if (v.get("path").asText().equals(e.getValue().toString())) {
                    assertTrue(v.get("current").asBoolean(), c::toPrettyString);
                }
            }
        }
    }

    private static void assertAllRight(List<Truth> truths, JsonNode claims, String mappedBy) {
        Map<String, JsonNode> byDir = volumesByDir(claims);
        for (Truth t : truths) {
            JsonNode c = byDir.get(t.dir().toString());
            assertEquals(t.namespace() + "/" + t.name(), c.get("namespace").asText() + "/" + c.get("name").asText(),
                    () -> "mapped wrongly: " + t + "\n" + c.toPrettyString());
            assertEquals(mappedBy, c.get("mappedBy").asText(), c::toPrettyString);
        }
    }

    private static JsonNode claims(TestSetup setup) {
        CliRun run = CliRun.of("--config", setup.config().toString(), "claims", "--json");
        assertEquals(0, run.exitCode(), run::toString);
        return run.json();
    }

    private static Map<String, JsonNode> volumesByDir(JsonNode claims) {
        Map<String, JsonNode> byDir = new HashMap<>();
        for (JsonNode c : claims.get("claims")) {
            for (JsonNode v : c.get("volumes")) {
                byDir.put(v.get("path").asText(), c);
            }
        }
        return byDir;
    }
}
