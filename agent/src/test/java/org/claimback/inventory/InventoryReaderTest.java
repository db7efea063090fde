package org.claimback.inventory;

import static org.claimback.inventory.Fixtures.fixture;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.claimback.outcome.ExitCode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InventoryReaderTest {

    private static final String DATA_UID = "0b7c1f9e-3a52-4d8e-9c61-2f4b8a1d7e35";
    private static final String EXPECTED = "expected the output of kubectl get pv -o json"
            + " (or kubectl get pv,pvc -A -o json)";

    @TempDir
    Path tmp;

    private static List<String> names(Inventory inventory) {
        return inventory.pvs().stream().map(PvEntry::pvName).toList();
    }

    /** Reads a file that must be refused, and checks the message is one line that names the file. */
    private static String refused(Path file) {
        InventoryException e = assertThrows(InventoryException.class, () -> InventoryReader.read(file));
        assertFalse(e.getMessage().contains("\n"), "one line: " + e.getMessage());
        assertTrue(e.getMessage().startsWith("inventory " + file + ": "), e.getMessage());
        assertEquals(ExitCode.USAGE, e.exitCode());
        return e.getMessage().substring(("inventory " + file + ": ").length());
    }

    @Test
    void should_read_every_field_of_a_dynamic_nfs_subdir_pv_from_kubectl_get_pv() {
        Inventory inventory = InventoryReader.read(fixture("nfs-subdir-pvs.json"));

        assertEquals(fixture("nfs-subdir-pvs.json"), inventory.source());
        assertEquals(7, inventory.pvs().size());
        assertEquals(List.of(), inventory.pvcs());
        assertEquals(new PvEntry("pvc-" + DATA_UID, "default", "data", DATA_UID, "nfs-client", "10Gi",
                List.of("ReadWriteOnce"), "Delete", "Bound", "cluster.local/nfs-subdir-external-provisioner", "nfs",
                "nfs1.example.org", "/srv/nfs/k8s/default-data-pvc-" + DATA_UID, null, null, Map.of()),
                inventory.pvs().get(0));
        assertEquals("default-data", inventory.pvs().get(0).claimKey());
    }

    @Test
    void should_read_a_released_pv_with_the_uid_of_its_deleted_claim() {
        PvEntry released = InventoryReader.read(fixture("nfs-subdir-pvs.json"))
                .pv("pvc-c4d5e6f7-0819-4a2b-bc3d-4e5f60718293").orElseThrow();

        assertEquals("Released", released.phase());
        assertEquals("Retain", released.reclaimPolicy());
        assertEquals("web-cache", released.claimKey());
        assertEquals("c4d5e6f7-0819-4a2b-bc3d-4e5f60718293", released.claimUid());
    }

    @Test
    void should_name_the_volume_source_of_pvs_that_are_not_on_nfs() {
        Inventory inventory = InventoryReader.read(fixture("nfs-subdir-pvs.json"));

        assertEquals("hostPath", inventory.pv("local-registry").orElseThrow().sourceType());
        PvEntry local = inventory.pv("pvc-d1d2d3d4-e5e6-4f70-8182-939495969798").orElseThrow();
        assertEquals("local", local.sourceType(), "nodeAffinity, also an object, is no volume source");
        assertNull(local.nfsPath());
    }

    @Test
    void should_read_pvs_and_claims_of_kubectl_get_pv_pvc_all_namespaces() {
        Inventory inventory = InventoryReader.read(fixture("pv-and-pvc-list.json"));

        assertEquals(List.of("pvc-" + DATA_UID, "pvc-7e2f4a90-1b3c-4d5e-8f60-718293a4b5c6"), names(inventory));
        assertEquals(List.of("db-data-postgres-0", "default-data", "default-pending"),
                inventory.pvcs().stream().map(PvcEntry::claimKey).toList());
        PvcEntry postgres = inventory.pvc("db", "data-postgres-0").orElseThrow();
        assertEquals(new PvcEntry("db", "data-postgres-0", "7e2f4a90-1b3c-4d5e-8f60-718293a4b5c6", "nfs-client", "50Gi",
                List.of("ReadWriteOnce"), "pvc-7e2f4a90-1b3c-4d5e-8f60-718293a4b5c6",
                Map.of("app.kubernetes.io/instance", "postgres", "app.kubernetes.io/name", "postgresql"),
                Map.of("pv.kubernetes.io/bind-completed", "yes", "pv.kubernetes.io/bound-by-controller", "yes",
                        "volume.beta.kubernetes.io/storage-provisioner", "cluster.local/nfs-subdir-external-provisioner",
                        "volume.kubernetes.io/storage-provisioner", "cluster.local/nfs-subdir-external-provisioner")),
                postgres);
        PvcEntry pending = inventory.pvc("default", "pending").orElseThrow();
        assertNull(pending.volumeName());
        assertEquals("1Gi", pending.requestedCapacity());
    }

    @Test
    void should_read_csi_driver_nfs_pvs_with_their_volume_attributes_and_handles() {
        Inventory inventory = InventoryReader.read(fixture("csi-driver-nfs-pvs.json"));

        assertEquals(7, inventory.pvs().size());
        PvEntry v4 = inventory.pv("pvc-5d0e8c2a-7b41-4f3e-8a96-1c2d3e4f5a6b").orElseThrow();
        assertEquals("csi", v4.sourceType());
        assertEquals("nfs.csi.k8s.io", v4.csiDriver());
        assertEquals("nfs1.example.org#srv/nfs/csi#pvc-5d0e8c2a-7b41-4f3e-8a96-1c2d3e4f5a6b##", v4.csiVolumeHandle());
        assertEquals("/srv/nfs/csi", v4.csiAttribute("share"));
        assertEquals("pvc-5d0e8c2a-7b41-4f3e-8a96-1c2d3e4f5a6b", v4.csiAttribute("subdir"));
        assertEquals("orders", v4.csiVolumeAttributes().get("csi.storage.k8s.io/pvc/name"));
        assertEquals("shop-orders", v4.claimKey());
        assertNull(v4.nfsPath());
        PvEntry v31 = inventory.pv("pvc-8f9e0d1c-2b3a-4c5d-9e6f-708192a3b4c5").orElseThrow();
        assertNull(v31.csiAttribute("subdir"), "csi-driver-nfs before v4 did not record subdir");
        PvEntry statics = inventory.pv("static-archive").orElseThrow();
        assertNull(statics.storageClass(), "an empty storageClassName is none");
        assertNull(statics.provisionedBy());
    }

    @Test
    void should_read_kubectl_yaml_with_released_and_statically_provisioned_pvs() {
        Inventory inventory = InventoryReader.read(fixture("released-and-static-pvs.yaml"));

        assertEquals(List.of("pvc-c4d5e6f7-0819-4a2b-bc3d-4e5f60718293", "claimback-default-data",
                "claimback-db-data-postgres-0", "spare-nfs"), names(inventory));
        PvEntry preBound = inventory.pv("claimback-db-data-postgres-0").orElseThrow();
        assertEquals("db-data-postgres-0", preBound.claimKey());
        assertNull(preBound.claimUid(), "pre-bound by hand: no uid until Kubernetes binds it");
        assertNull(preBound.provisionedBy());
        assertEquals("Available", preBound.phase());
        assertEquals("/srv/nfs/k8s/restored/db-data-postgres-0/", preBound.nfsPath());
        PvEntry spare = inventory.pv("spare-nfs").orElseThrow();
        assertFalse(spare.bound());
        assertNull(spare.claimKey());
        assertNull(spare.storageClass());
        assertEquals("192.168.10.5", spare.nfsServer());
    }

    @Test
    void should_read_a_single_pv_object_in_json_or_yaml() {
        assertEquals(List.of("pvc-7e2f4a90-1b3c-4d5e-8f60-718293a4b5c6"),
                names(InventoryReader.read(fixture("single-pv.json"))));
        PvEntry pv = InventoryReader.read(fixture("single-pv.yaml")).pvs().get(0);
        assertEquals("claimback-shop-orders", pv.pvName());
        assertEquals(List.of("ReadWriteMany"), pv.accessModes());
        assertNull(pv.phase());
        assertEquals("shop-orders", pv.claimKey());
    }

    @Test
    void should_read_an_empty_list_as_a_cluster_without_pvs() {
        Inventory inventory = InventoryReader.read(fixture("garbage/empty-list.json"));

        assertEquals(List.of(), inventory.pvs());
        assertEquals(List.of(), inventory.pvcs());
    }

    @Test
    void should_read_the_api_servers_persistent_volume_list_whose_items_have_no_kind() throws IOException {
        Path file = Files.writeString(tmp.resolve("pvs.json"), """
                {"kind": "PersistentVolumeList", "apiVersion": "v1", "metadata": {"resourceVersion": "913377"},
                 "items": [{"metadata": {"name": "pvc-1"},
                            "spec": {"nfs": {"server": "nfs1", "path": "/srv/nfs/k8s/a-b-pvc-1"}}}]}
                """);

        assertEquals(List.of("pvc-1"), names(InventoryReader.read(file)));
    }

    @Test
    void should_read_json_values_and_yaml_documents_written_one_after_the_other() throws IOException {
        String pvs = Files.readString(fixture("nfs-subdir-pvs.json"));
        String pvcs = Files.readString(fixture("garbage/pvcs-only.json"));
        Path json = Files.writeString(tmp.resolve("appended.json"), pvs + pvcs); // get pv; get pvc >> file
        Path yaml = Files.writeString(tmp.resolve("appended.yaml"),
                Files.readString(fixture("single-pv.yaml")) + Files.readString(fixture("released-and-static-pvs.yaml")));

        Inventory fromJson = InventoryReader.read(json);
        assertEquals(7, fromJson.pvs().size());
        assertEquals(2, fromJson.pvcs().size());
        assertEquals(5, InventoryReader.read(yaml).pvs().size());
    }

    @Test
    void should_ignore_unknown_fields_and_objects_of_other_kinds() throws IOException {
        Path file = Files.writeString(tmp.resolve("mixed.json"), """
                [{"kind": "Pod", "metadata": {"name": "web-0", "namespace": "web"}},
                 {"kind": "PersistentVolume", "futureField": {"x": [1, 2]},
                  "metadata": {"name": "pvc-1", "labels": {"a": "b"}},
                  "spec": {"accessModes": "ReadWriteOnce", "capacity": {"storage": 1073741824},
                           "nfs": {"server": "nfs1", "path": "/srv/nfs/k8s/x", "readOnly": true}}}]
                """);

        PvEntry pv = InventoryReader.read(file).pvs().get(0);

        assertEquals("1073741824", pv.capacity());
        assertEquals(List.of("ReadWriteOnce"), pv.accessModes());
        assertEquals("/srv/nfs/k8s/x", pv.nfsPath());
    }

    // ------------------------------------------------------------------------- refused files

    @Test
    void should_refuse_a_missing_file_and_say_how_to_write_one() {
        assertEquals("no such file: check the path, or write it again with kubectl get pv,pvc -A -o json > FILE",
                refused(tmp.resolve("pvs.json")));
    }

    @Test
    void should_refuse_a_directory() {
        assertEquals("is a directory: name the inventory file in it", refused(tmp));
    }

    @Test
    void should_refuse_an_empty_file_and_suggest_writing_it_atomically() {
        assertEquals("is empty: " + EXPECTED + "; a job that writes it should write a temporary file and rename it",
                refused(fixture("garbage/blank.json")));
    }

    @Test
    void should_refuse_broken_json_naming_the_line() {
        String message = refused(fixture("garbage/not-json.json"));

        assertTrue(message.startsWith("not JSON (line 3, column "), message);
        assertTrue(message.endsWith(": " + EXPECTED), message);
    }

    @Test
    void should_refuse_a_file_cut_short() {
        String message = refused(fixture("garbage/truncated.json"));

        assertTrue(message.matches("not JSON \\(line \\d+(, column \\d+)?\\): it ends in the middle, it was cut short:"
                + " write it again with kubectl get pv,pvc -A -o json > FILE"), message);
    }

    @Test
    void should_refuse_a_list_of_other_objects_and_say_what_it_holds() {
        assertEquals("no PersistentVolume objects in it (it holds 2 Pod, 1 Service): " + EXPECTED,
                refused(fixture("garbage/pods.json")));
    }

    @Test
    void should_refuse_a_list_of_claims_only() {
        assertEquals("no PersistentVolume objects in it (it holds 2 PersistentVolumeClaim): " + EXPECTED,
                refused(fixture("garbage/pvcs-only.json")));
    }

    @Test
    void should_recognise_the_table_kubectl_prints_without_o_json() {
        assertEquals("not a Kubernetes object: it looks like the table kubectl prints without -o json; " + EXPECTED,
                refused(fixture("garbage/table.txt")));
    }

    @Test
    void should_show_the_error_kubectl_wrote_instead_of_pvs() {
        assertEquals("holds an error message instead of PVs (error: You must be logged in to the server (the server"
                + " has asked for the client to provide credentials)): fix what it says, then write it again with"
                + " kubectl get pv,pvc -A -o json > FILE", refused(fixture("garbage/kubectl-error.txt")));
    }

    @Test
    void should_refuse_a_pv_without_a_name() {
        assertEquals("a PersistentVolume without metadata.name (item 1): " + EXPECTED,
                refused(fixture("garbage/pv-without-name.json")));
    }

    @Test
    void should_refuse_a_json_object_that_is_no_kubernetes_object() throws IOException {
        Path file = Files.writeString(tmp.resolve("config.json"), "{\"exports\": [\"/srv/nfs/k8s\"]}\n");

        assertEquals("no PersistentVolume objects in it (it holds 1 object without kind): " + EXPECTED, refused(file));
    }

    @Test
    void should_refuse_a_compressed_file_and_say_to_uncompress_it() throws IOException {
        Path file = Files.write(tmp.resolve("pvs.json.gz"),
                new byte[] {0x1f, (byte) 0x8b, 0x08, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x03, (byte) 0xed, 0x5d});

        assertEquals("is gzip-compressed: gunzip it first", refused(file));
    }

    @Test
    void should_refuse_a_binary_file() throws IOException {
        Path file = Files.write(tmp.resolve("catalog.db"), "SQLite format 3\0\0\0".getBytes(StandardCharsets.UTF_8));

        assertEquals("is a binary file: " + EXPECTED, refused(file));
    }

    @Test
    void should_refuse_an_html_error_page() throws IOException {
        Path file = Files.writeString(tmp.resolve("pvs.json"), "<html><body>502 Bad Gateway</body></html>\n");

        assertEquals("not a Kubernetes object: it is plain text; " + EXPECTED, refused(file));
    }

    @Test
    void should_refuse_broken_yaml_naming_the_line() throws IOException {
        Path file = Files.writeString(tmp.resolve("pvs.yaml"), "apiVersion: v1\nkind: List\nitems:\n- name: [a\n");

        assertEquals("not JSON or YAML (line 4, column 11): while parsing a flow sequence, expected ',' or ']', but"
                + " got <stream end>: " + EXPECTED, refused(file));
    }
}
