package org.claimback.staticpv;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.claimback.catalog.ClaimRecord;
import org.claimback.catalog.MappingRecord;
import org.claimback.catalog.SnapshotRecord;
import org.claimback.catalog.VolumeRecord;
import org.claimback.config.ConfigLoader;
import org.claimback.engine.Engine;
import org.claimback.outcome.ExitCode;
import org.claimback.outcome.UserError;
import org.claimback.testing.TestExport;
import org.claimback.testing.TestInventory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Fresh static PVs: planned from what the catalogue remembers, made empty, written as YAML that binds. */
class StaticPvsTest {
    private static final YAMLMapper YAML = new YAMLMapper();

    @TempDir
    Path tmp;

    @Test
    void should_plan_with_what_the_inventory_remembers_and_create_nothing() throws Exception {
        TestExport export = TestExport.create(tmp.resolve("export"));
        Path old = export.newVolume("media", "library");
        String oldPv = old.getFileName().toString().substring("media-library-".length());
        Path inventory = new TestInventory().nfsPv(old, oldPv, "media", "library").write(tmp.resolve("pvs.json"));
        try (Engine engine = engine(export.root(), null, "inventory:\n  files: [" + inventory + "]\n")) {
            engine.claimSync().sync();
            ClaimRecord claim = engine.claimResolver().resolve("media/library");
            List<Path> before = listing(export.root());

            NewPv pv = new StaticPvs(engine.catalog(), engine.config(), engine.clock()).plan(claim, null, null);

            assertTrue(pv.pvName().matches("pvc-[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}"), pv::toString);
            assertEquals(export.root().resolve("media-library-" + pv.pvName()), pv.directory());
            assertEquals(export.root(), pv.exportRoot());
            assertEquals("nfs-client", pv.storageClass());
            assertEquals("5Gi", pv.capacity());
            assertEquals(List.of("ReadWriteMany"), pv.accessModes());
            assertEquals("nfs.example.lan", pv.nfsServer());
            assertEquals(pv.directory().toString(), pv.nfsPath());
            assertEquals(List.of(), pv.guessed());
            assertEquals(before, listing(export.root()), "planning creates nothing");

            NewPv other = new StaticPvs(engine.catalog(), engine.config(), engine.clock())
                    .plan(claim, export.root(), "10.0.0.7", UUID.fromString("00000000-0000-0000-0000-000000000001"));
            assertEquals("10.0.0.7", other.nfsServer());
            assertEquals("pvc-00000000-0000-0000-0000-000000000001", other.pvName());
        }
    }

    @Test
    void should_write_a_pv_bound_by_claim_ref_without_uid_and_a_pvc_naming_it() throws Exception {
        ClaimRecord claim = new ClaimRecord(1, "media-library", "media", "library", "name", List.of(), Instant.EPOCH,
                Instant.EPOCH);
        NewPv pv = new NewPv(claim, "pvc-1b4e28ba-2fa1-11d2-883f-0016d3cca427", Path.of("/srv/nfs/k8s/x"),
                Path.of("/srv/nfs/k8s"), "nfs.example.lan", "/k8s/x", "nfs-client", "5Gi", List.of("ReadWriteOnce"));

        String yaml = StaticPvs.manifest(pv);

        List<JsonNode> docs = YAML.readerFor(JsonNode.class).<JsonNode>readValues(yaml).readAll();
        assertEquals(2, docs.size(), yaml);
        JsonNode v = docs.get(0);
        assertEquals("v1", v.at("/apiVersion").asText());
        assertEquals("PersistentVolume", v.at("/kind").asText());
        assertEquals(pv.pvName(), v.at("/metadata/name").asText());
        assertEquals("claimback", v.at("/metadata/labels/app.kubernetes.io~1managed-by").asText(), yaml);
        assertTrue(v.at("/metadata/annotations").isMissingNode(), yaml);
        assertEquals("Retain", v.at("/spec/persistentVolumeReclaimPolicy").asText());
        assertEquals("nfs-client", v.at("/spec/storageClassName").asText());
        assertEquals("5Gi", v.at("/spec/capacity/storage").asText());
        assertEquals("ReadWriteOnce", v.at("/spec/accessModes/0").asText());
        assertEquals(1, v.at("/spec/accessModes").size());
        assertEquals("media", v.at("/spec/claimRef/namespace").asText());
        assertEquals("library", v.at("/spec/claimRef/name").asText());
        assertEquals(2, v.at("/spec/claimRef").size(), "claimRef holds namespace and name only: " + yaml);
        assertEquals("nfs.example.lan", v.at("/spec/nfs/server").asText());
        assertEquals("/k8s/x", v.at("/spec/nfs/path").asText());
        JsonNode c = docs.get(1);
        assertEquals("PersistentVolumeClaim", c.at("/kind").asText());
        assertEquals("media", c.at("/metadata/namespace").asText());
        assertEquals("library", c.at("/metadata/name").asText());
        assertEquals(pv.pvName(), c.at("/spec/volumeName").asText());
        assertEquals("nfs-client", c.at("/spec/storageClassName").asText());
        assertEquals("ReadWriteOnce", c.at("/spec/accessModes/0").asText());
        assertEquals("5Gi", c.at("/spec/resources/requests/storage").asText());
        assertFalse(yaml.contains("uid"), yaml);
        assertFalse(yaml.contains("provisioned-by"), yaml);
        assertFalse(yaml.contains("GUESSED"), yaml);
    }

    @Test
    void should_guess_class_modes_and_capacity_when_no_inventory_knew_the_claim_and_say_so() throws Exception {
        TestExport export = TestExport.create(tmp.resolve("export"));
        Path dir = export.newVolume("apps", "wiki");
        export.newVolume("apps", "empty");
        try (Engine engine = engine(export.root(), null, "")) {
            engine.claimSync().sync();
            ClaimRecord wiki = engine.claimResolver().resolve("apps/wiki");
            ClaimRecord empty = engine.claimResolver().resolve("apps/empty");
            VolumeRecord volume = engine.catalog().volumesOf(wiki.id()).get(0);
            long fiveGibAndAByte = 5L * 1024 * 1024 * 1024 + 1;
            engine.catalog().addSnapshot(new SnapshotRecord(0, "aaaaaaaa", "aaaaaaaa", wiki.id(), volume.id(), null,
                    Instant.parse("2024-01-01T00:00:00Z"), "h", dir.toString(), List.of("claimback"), false, 0, 0, 0, 1, 10, 0));
            engine.catalog().addSnapshot(new SnapshotRecord(0, "bbbbbbbb", "bbbbbbbb", wiki.id(), volume.id(), null,
                    Instant.parse("2024-02-01T00:00:00Z"), "h", dir.toString(), List.of("claimback"), false, 0, 0, 0, 3,
                    fiveGibAndAByte, 0));
            StaticPvs pvs = new StaticPvs(engine.catalog(), engine.config(), engine.clock());

            NewPv pv = pvs.plan(wiki, null, null);
            NewPv small = pvs.plan(empty, null, "nfs.lan");

            assertEquals("", pv.storageClass());
            assertEquals(List.of("ReadWriteMany"), pv.accessModes());
            assertEquals("6Gi", pv.capacity(), "the newest snapshot's bytes rounded up to whole GiB");
            assertEquals("1Gi", small.capacity(), "at least 1Gi");
            assertEquals("claimback-test", pv.nfsServer(), "the config's host");
            assertEquals(pv.directory().toString(), pv.nfsPath());
            assertEquals(List.of("storageClassName", "capacity", "accessModes", "nfs.server (the config's host)"), pv.guessed());
            assertEquals(List.of("storageClassName", "capacity", "accessModes"), small.guessed());

            String yaml = StaticPvs.manifests(List.of(small, pv));
            List<JsonNode> docs = YAML.readerFor(JsonNode.class).<JsonNode>readValues(yaml).readAll();
            assertEquals(4, docs.size(), yaml);
            assertEquals("empty", docs.get(0).at("/spec/claimRef/name").asText(), "sorted by namespace, then name");
            assertEquals("wiki", docs.get(2).at("/spec/claimRef/name").asText());
            assertTrue(docs.get(2).at("/spec/storageClassName").isTextual(), yaml);
            assertEquals("", docs.get(2).at("/spec/storageClassName").asText(), yaml);
            assertEquals("", docs.get(3).at("/spec/storageClassName").asText(), yaml);
            assertTrue(yaml.contains("# GUESSED, no PV inventory listed this claim: storageClassName, capacity, accessModes"),
                    yaml);
        }
    }

    @Test
    void should_create_an_empty_directory_that_the_next_sync_makes_the_claims_current_volume() throws Exception {
        TestExport export = TestExport.create(tmp.resolve("export"));
        Path old = export.newVolume("default", "data-postgres-0");
        try (Engine engine = engine(export.root(), null, "namespaces: [default]\n")) {
            engine.claimSync().sync();
            ClaimRecord claim = engine.claimResolver().resolve("default/data-postgres-0");
            StaticPvs pvs = new StaticPvs(engine.catalog(), engine.config(), engine.clock());
            NewPv pv = pvs.plan(claim, null, null);

            Path made = pvs.create(pv);

            assertEquals(pv.directory(), made);
            assertTrue(Files.isDirectory(made));
            try (var entries = Files.list(made)) {
                assertEquals(0, entries.count());
            }
            MappingRecord mapping = engine.catalog().manualMappingAt(made.toString()).orElseThrow();
            assertEquals("default", mapping.namespace());
            assertEquals("data-postgres-0", mapping.name());
            assertEquals(pv.pvName(), mapping.pvName());
            assertEquals("claimback restore --to-new-pv", mapping.detail());

            engine.claimSync().sync();
            VolumeRecord current = current(engine, claim);
            assertEquals(made.toString(), current.path());
            assertEquals("live", current.state());
            assertEquals(pv.pvName(), current.pvName());
            assertTrue(Files.isDirectory(old), "the old volume stays");

            UserError again = assertThrows(UserError.class, () -> pvs.create(pv));
            assertEquals(ExitCode.FAILED, again.exitCode());
            assertTrue(again.getMessage().contains("already exists"), again::getMessage);
        }
    }

    @Test
    void should_name_a_csi_nfs_volume_so_that_discovery_finds_it_default_and_with_a_subdir() throws Exception {
        Path share = Files.createDirectories(tmp.resolve("share"));
        Path templated = Files.createDirectories(tmp.resolve("templated"));
        Path old = Files.createDirectory(share.resolve("pvc-" + UUID.randomUUID()));
        Path inventory = new TestInventory().csiPv(share, old.getFileName().toString(), old.getFileName().toString(),
                "default", "cache").write(tmp.resolve("pvs.json"));
        String extra = "  - path: " + templated + "\n    layout: csi-nfs\n"
                + "    pattern: \"${pvc.metadata.namespace}/${pvc.metadata.name}\"\n"
                + "inventory:\n  files: [" + inventory + "]\n";
        try (Engine engine = engine(share, "csi-nfs", extra)) {
            engine.claimSync().sync();
            ClaimRecord claim = engine.claimResolver().resolve("default/cache");
            StaticPvs pvs = new StaticPvs(engine.catalog(), engine.config(), engine.clock());

            NewPv plain = pvs.plan(claim, null, null);
            assertEquals(share.resolve(plain.pvName()), plain.directory(), "the export of the claim's volume");
            assertEquals("nfs-csi", plain.storageClass());
            pvs.create(plain);
            engine.claimSync().sync();
            assertEquals(plain.directory().toString(), current(engine, claim).path());

            NewPv nested = pvs.plan(claim, templated, null);
            assertEquals(templated.resolve("default/cache"), nested.directory(), "the subDir rendered");
            pvs.create(nested);
            engine.claimSync().sync();
            assertEquals(nested.directory().toString(), current(engine, claim).path());

            NewPv again = pvs.plan(claim, templated, null);
            assertEquals(templated.resolve(again.pvName()), again.directory(), "the rendered path exists: the PV name");
            pvs.create(again);
            engine.claimSync().sync();
            assertEquals(again.directory().toString(), current(engine, claim).path());
        }
    }

    @Test
    void should_refuse_an_export_that_is_not_configured_and_a_claim_without_namespace() throws Exception {
        TestExport export = TestExport.create(tmp.resolve("export"));
        export.newVolume("default", "data-web-0"); // splits two ways: default/data-web-0 or default-data/web-0
        export.newVolume("default", "web");
        try (Engine engine = engine(export.root(), null, "")) {
            engine.claimSync().sync();
            StaticPvs pvs = new StaticPvs(engine.catalog(), engine.config(), engine.clock());
            ClaimRecord web = engine.claimResolver().resolve("default/web");
            ClaimRecord unknown = engine.catalog().claims().stream().filter(c -> !c.resolved()).findFirst().orElseThrow();

            UserError notExport = assertThrows(UserError.class, () -> pvs.plan(web, tmp.resolve("elsewhere"), null));
            UserError unmapped = assertThrows(UserError.class, () -> pvs.plan(unknown, null, null));

            assertEquals(ExitCode.USAGE, notExport.exitCode());
            assertTrue(notExport.getMessage().contains("is not an export root") && notExport.getMessage()
                    .contains(export.root().toString()), notExport::getMessage);
            assertEquals(ExitCode.USAGE, unmapped.exitCode());
            assertTrue(unmapped.getMessage().contains("map it first: claimback claims map"), unmapped::getMessage);
        }
    }

    private static VolumeRecord current(Engine engine, ClaimRecord claim) {
        return engine.catalog().volumesOf(claim.id()).stream().filter(VolumeRecord::current).findFirst().orElseThrow();
    }

    private Engine engine(Path exportRoot, String layout, String extra) throws Exception {
        Path config = tmp.resolve("config.yaml");
        Files.writeString(tmp.resolve("password"), "not used here\n");
        Files.setPosixFilePermissions(tmp.resolve("password"), java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
        Files.writeString(config, "exports:\n  - path: " + exportRoot + "\n"
                + (layout == null ? "" : "    layout: " + layout + "\n")
                + extra
                + "repository: " + tmp.resolve("repo") + "\n"
                + "passwordFile: " + tmp.resolve("password") + "\n"
                + "catalog: " + tmp.resolve("catalog.db") + "\n"
                + "host: claimback-test\n");
        return Engine.open(ConfigLoader.load(config));
    }

    private static List<Path> listing(Path dir) throws Exception {
        try (var entries = Files.walk(dir)) {
            return new ArrayList<>(entries.sorted().toList());
        }
    }
}
