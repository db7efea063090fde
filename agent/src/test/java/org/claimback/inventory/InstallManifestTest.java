package org.claimback.inventory;

import static org.claimback.inventory.Fixtures.fixture;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code install/kubernetes/inventory-cronjob.yaml}: it parses, asks for no more than reading PVs
 * and PVCs, and its script, run for real by {@code /bin/sh} with a stand-in {@code kubectl}, only
 * ever replaces the inventory with a complete file that claimback reads.
 */
class InstallManifestTest {

    private static List<JsonNode> documents;

    @TempDir
    Path tmp;

    @BeforeAll
    static void read() throws IOException {
        Path manifest = repoRoot().resolve("install/kubernetes/inventory-cronjob.yaml");
        documents = new ArrayList<>();
        try (var values = new ObjectMapper(new YAMLFactory()).readerFor(JsonNode.class).<JsonNode>readValues(
                manifest.toFile())) {
            while (values.hasNextValue()) {
                JsonNode document = values.nextValue();
                if (document != null && document.isObject()) {
                    documents.add(document);
                }
            }
        }
    }

    /** The checkout: {@code claimback.repoRoot} (set by surefire), else the nearest directory above with install/. */
    private static Path repoRoot() {
        String property = System.getProperty("claimback.repoRoot");
        if (property != null && Files.isDirectory(Path.of(property, "install/kubernetes"))) {
            return Path.of(property);
        }
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isDirectory(dir.resolve("install/kubernetes"))) {
                return dir;
            }
        }
        throw new AssertionError("cannot find install/kubernetes: set -Dclaimback.repoRoot to the checkout");
    }

    private static JsonNode kind(String kind) {
        return documents.stream().filter(d -> d.path("kind").asText().equals(kind)).findFirst()
                .orElseThrow(() -> new AssertionError("no " + kind + " in the manifest"));
    }

    private static Set<String> texts(JsonNode array) {
        Set<String> texts = new TreeSet<>();
        array.forEach(node -> texts.add(node.asText()));
        return texts;
    }

    private static JsonNode pod() {
        return kind("CronJob").path("spec").path("jobTemplate").path("spec").path("template").path("spec");
    }

    @Test
    void should_hold_a_namespace_service_account_read_only_role_binding_and_cron_job() {
        assertEquals(List.of("Namespace", "ServiceAccount", "ClusterRole", "ClusterRoleBinding", "CronJob"),
                documents.stream().map(d -> d.path("kind").asText()).toList());
        assertEquals("claimback", kind("Namespace").path("metadata").path("name").asText());
    }

    @Test
    void should_only_let_the_job_read_pvs_and_pvcs() {
        JsonNode rules = kind("ClusterRole").path("rules");
        assertEquals(1, rules.size());
        assertEquals(Set.of(""), texts(rules.get(0).path("apiGroups")));
        assertEquals(Set.of("persistentvolumes", "persistentvolumeclaims"), texts(rules.get(0).path("resources")));
        assertEquals(Set.of("get", "list", "watch"), texts(rules.get(0).path("verbs")));

        JsonNode binding = kind("ClusterRoleBinding");
        assertEquals(kind("ClusterRole").path("metadata").path("name"), binding.path("roleRef").path("name"));
        JsonNode subject = binding.path("subjects").get(0);
        assertEquals(kind("ServiceAccount").path("metadata").path("name"), subject.path("name"));
        assertEquals(kind("ServiceAccount").path("metadata").path("namespace"), subject.path("namespace"));
        assertEquals(subject.path("name"), pod().path("serviceAccountName"));
    }

    @Test
    void should_run_every_15_minutes_one_at_a_time_unprivileged_with_a_pinned_image() {
        JsonNode cronJob = kind("CronJob").path("spec");
        assertEquals("*/15 * * * *", cronJob.path("schedule").asText());
        assertEquals("Forbid", cronJob.path("concurrencyPolicy").asText());
        assertTrue(pod().path("securityContext").path("runAsNonRoot").asBoolean());
        JsonNode container = pod().path("containers").get(0);
        assertTrue(container.path("securityContext").path("readOnlyRootFilesystem").asBoolean());
        assertFalse(container.path("securityContext").path("allowPrivilegeEscalation").asBoolean(true));
        assertEquals(Set.of("ALL"), texts(container.path("securityContext").path("capabilities").path("drop")));
        assertTrue(container.path("resources").path("limits").has("memory"));
        String image = container.path("image").asText();
        assertTrue(image.matches("[\\w./-]+:\\d+\\.\\d+\\.\\d+(@sha256:[0-9a-f]{64})?"), "pinned by tag: " + image);
    }

    @Test
    void should_mount_only_the_hidden_inventory_directory_of_the_export_with_placeholders() {
        JsonNode nfs = null;
        for (JsonNode volume : pod().path("volumes")) {
            if (volume.has("nfs")) {
                nfs = volume.path("nfs");
            }
        }
        assertEquals("NFS_SERVER", nfs.path("server").asText());
        assertEquals("/srv/nfs/k8s/.claimback", nfs.path("path").asText());
    }

    // ------------------------------------------------------------------------- the script, for real

    /** Runs the CronJob's script with {@code kubectl} replaced by {@code fakeKubectl}; returns its exit code. */
    private int runScript(Path inventoryDir, String fakeKubectl) throws Exception {
        JsonNode container = pod().path("containers").get(0);
        assertEquals(List.of("/bin/sh", "-c"), List.of(container.path("command").get(0).asText(),
                container.path("command").get(1).asText()));
        String script = container.path("args").get(0).asText();
        Path bin = Files.createDirectories(tmp.resolve("bin"));
        Path kubectl = Files.writeString(bin.resolve("kubectl"), "#!/bin/sh\n" + fakeKubectl + "\n");
        Files.setPosixFilePermissions(kubectl, PosixFilePermissions.fromString("rwxr-xr-x"));
        ProcessBuilder builder = new ProcessBuilder("/bin/sh", "-c", script).redirectErrorStream(true);
        builder.environment().put("PATH", bin + ":/usr/bin:/bin");
        builder.environment().put("INVENTORY_DIR", inventoryDir.toString());
        builder.environment().put("HOSTNAME", "claimback-inventory-29000000-abcde");
        builder.environment().put("ARGS_FILE", tmp.resolve("args").toString());
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(30, TimeUnit.SECONDS), output);
        System.out.println("script: exit " + process.exitValue() + ": " + output.strip());
        return process.exitValue();
    }

    private static List<String> listing(Path dir) throws IOException {
        try (var files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void should_write_what_kubectl_prints_where_claimback_reads_it() throws Exception {
        Path dir = Files.createDirectories(tmp.resolve(".claimback"));

        int exit = runScript(dir, "echo \"$@\" > \"$ARGS_FILE\"; cat '" + fixture("pv-and-pvc-list.json") + "'");

        assertEquals(0, exit);
        assertEquals(List.of("inventory.json"), listing(dir));
        String args = Files.readString(tmp.resolve("args")).strip();
        assertTrue(args.startsWith("get pv,pvc --all-namespaces --output=json"), args);
        Inventory inventory = InventoryReader.read(dir.resolve("inventory.json"));
        assertEquals(2, inventory.pvs().size());
        assertEquals(3, inventory.pvcs().size());
    }

    @Test
    void should_keep_the_last_good_inventory_when_kubectl_fails_half_way() throws Exception {
        Path dir = Files.createDirectories(tmp.resolve(".claimback"));
        Path good = Files.copy(fixture("nfs-subdir-pvs.json"), dir.resolve("inventory.json"));
        byte[] before = Files.readAllBytes(good);

        int failed = runScript(dir, "head -c 500 '" + fixture("pv-and-pvc-list.json") + "'; "
                + "echo 'error: the server was unable to return a response in the time allotted' >&2; exit 1");
        int empty = runScript(dir, "exit 0");

        assertNotEquals(0, failed);
        assertNotEquals(0, empty);
        assertEquals(List.of("inventory.json"), listing(dir), "no temporary file is left behind");
        assertEquals(new String(before, StandardCharsets.UTF_8), Files.readString(good));
    }
}
