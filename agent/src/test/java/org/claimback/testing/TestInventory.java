package org.claimback.testing;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Writes what {@code kubectl get pv -o json} prints, for the PVs a test adds. */
public final class TestInventory {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final ObjectNode list = JSON.createObjectNode();
    private final ArrayNode items;

    public TestInventory() {
        list.put("apiVersion", "v1");
        list.put("kind", "List");
        items = list.putArray("items");
    }

    /** A bound nfs-subdir PV whose spec.nfs.path is {@code dir}. */
    public TestInventory nfsPv(Path dir, String pvName, String namespace, String claim) {
        ObjectNode spec = pv(pvName, namespace, claim, "nfs-client", "cluster.local/nfs-subdir-external-provisioner");
        ObjectNode nfs = spec.putObject("nfs");
        nfs.put("server", "nfs.example.lan");
        nfs.put("path", dir.toString());
        return this;
    }

    /** A bound csi-driver-nfs PV with share and subdir. */
    public TestInventory csiPv(Path share, String subdir, String pvName, String namespace, String claim) {
        ObjectNode spec = pv(pvName, namespace, claim, "nfs-csi", "nfs.csi.k8s.io");
        ObjectNode csi = spec.putObject("csi");
        csi.put("driver", "nfs.csi.k8s.io");
        csi.put("volumeHandle", "nfs.example.lan#" + share.toString().substring(1) + "#" + subdir + "##");
        ObjectNode attributes = csi.putObject("volumeAttributes");
        attributes.put("server", "nfs.example.lan");
        attributes.put("share", share.toString());
        attributes.put("subdir", subdir);
        attributes.put("csi.storage.k8s.io/pvc/name", claim);
        attributes.put("csi.storage.k8s.io/pvc/namespace", namespace);
        return this;
    }

    private ObjectNode pv(String pvName, String namespace, String claim, String storageClass, String provisioner) {
        ObjectNode pv = items.addObject();
        pv.put("apiVersion", "v1");
        pv.put("kind", "PersistentVolume");
        ObjectNode meta = pv.putObject("metadata");
        meta.put("name", pvName);
        meta.putObject("annotations").put("pv.kubernetes.io/provisioned-by", provisioner);
        ObjectNode spec = pv.putObject("spec");
        spec.putArray("accessModes").add("ReadWriteMany");
        spec.putObject("capacity").put("storage", "5Gi");
        spec.put("persistentVolumeReclaimPolicy", "Delete");
        spec.put("storageClassName", storageClass);
        ObjectNode ref = spec.putObject("claimRef");
        ref.put("kind", "PersistentVolumeClaim");
        ref.put("namespace", namespace);
        ref.put("name", claim);
        ref.put("uid", pvName.startsWith("pvc-") ? pvName.substring(4) : "00000000-0000-0000-0000-000000000000");
        pv.putObject("status").put("phase", "Bound");
        return spec;
    }

    public Path write(Path file) throws IOException {
        Files.createDirectories(file.getParent());
        JSON.writerWithDefaultPrettyPrinter().writeValue(file.toFile(), list);
        return file;
    }
}
