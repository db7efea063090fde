package org.claimback.inventory;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * 5,000 PVs, as {@code kubectl get pv -o json} prints them, read and matched: the time is printed,
 * not asserted (machines differ). Once in this JVM, once in a fresh one (the agent's and the CLI's
 * case: every {@code claimback} command starts a JVM).
 */
class InventorySpeedTest {

    private static final int PVS = 5_000;

    @TempDir
    Path tmp;

    /** 4,000 nfs-subdir PVs with their directories on disk, and 1,000 csi-driver-nfs PVs. */
    private static Path inventory(Path file, Path k8s, Path csi) throws IOException {
        try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            out.write("{\n    \"apiVersion\": \"v1\",\n    \"items\": [\n");
            for (int i = 0; i < PVS; i++) {
                String uid = new UUID(0x0b7c1f9e3a524d8eL + i, 0x9c612f4b8a1d7e35L + i).toString();
                String pv = "pvc-" + uid;
                String ns = "team-" + (i % 40);
                String claim = "data-app-" + i;
                boolean onCsi = i % 5 == 4;
                String source = onCsi
                        ? """
                                "csi": {
                                    "driver": "nfs.csi.k8s.io",
                                    "volumeAttributes": {
                                        "csi.storage.k8s.io/pv/name": "%1$s",
                                        "csi.storage.k8s.io/pvc/name": "%3$s",
                                        "csi.storage.k8s.io/pvc/namespace": "%2$s",
                                        "server": "nfs1.example.org",
                                        "share": "%4$s",
                                        "subdir": "%1$s"
                                    },
                                    "volumeHandle": "nfs1.example.org#%5$s#%1$s##"
                                },""".formatted(pv, ns, claim, csi, csi.toString().substring(1))
                        : """
                                "nfs": {
                                    "path": "%s/%s-%s-%s",
                                    "server": "nfs1.example.org"
                                },""".formatted(k8s, ns, claim, pv);
                if (!onCsi) {
                    Files.createDirectory(k8s.resolve(ns + "-" + claim + "-" + pv));
                }
                out.write(String.format(Locale.ROOT, """
                                {
                                    "apiVersion": "v1",
                                    "kind": "PersistentVolume",
                                    "metadata": {
                                        "annotations": {
                                            "pv.kubernetes.io/provisioned-by": "%5$s"
                                        },
                                        "creationTimestamp": "2024-03-11T09:12:44Z",
                                        "finalizers": [
                                            "kubernetes.io/pv-protection"
                                        ],
                                        "name": "%1$s",
                                        "resourceVersion": "%4$d",
                                        "uid": "%6$s"
                                    },
                                    "spec": {
                                        "accessModes": [
                                            "ReadWriteOnce"
                                        ],
                                        "capacity": {
                                            "storage": "10Gi"
                                        },
                                        "claimRef": {
                                            "apiVersion": "v1",
                                            "kind": "PersistentVolumeClaim",
                                            "name": "%3$s",
                                            "namespace": "%2$s",
                                            "resourceVersion": "%4$d",
                                            "uid": "%7$s"
                                        },
                                %8$s
                                        "persistentVolumeReclaimPolicy": "Delete",
                                        "storageClassName": "nfs-client",
                                        "volumeMode": "Filesystem"
                                    },
                                    "status": {
                                        "lastPhaseTransitionTime": "2024-03-11T09:12:44Z",
                                        "phase": "Bound"
                                    }
                                }%9$s
                        """, pv, ns, claim, 40000 + i,
                        onCsi ? "nfs.csi.k8s.io" : "cluster.local/nfs-subdir-external-provisioner",
                        UUID.nameUUIDFromBytes(pv.getBytes(StandardCharsets.UTF_8)), uid, source.indent(8).stripTrailing(),
                        i == PVS - 1 ? "" : ","));
            }
            out.write("    ],\n    \"kind\": \"List\",\n    \"metadata\": {\n        \"resourceVersion\": \"\"\n    }\n}\n");
        }
        return file;
    }

    @Test
    void should_read_and_match_5000_pvs_quickly() throws Exception {
        Path k8s = Files.createDirectories(tmp.resolve("srv/nfs/k8s"));
        Path csi = Files.createDirectories(tmp.resolve("srv/nfs/csi"));
        Path file = inventory(tmp.resolve("inventory.json"), k8s, csi);

        long started = System.nanoTime();
        Inventory inventory = InventoryReader.read(file);
        long read = System.nanoTime();
        MatchReport report = new InventoryMatcher(List.of(k8s, csi)).matchAll(inventory);
        long matched = System.nanoTime();

        System.out.printf("this JVM: read %d PVs (%.1f MB) in %d ms, matched in %d ms (%s)%n", inventory.pvs().size(),
                Files.size(file) / 1e6, (read - started) / 1_000_000, (matched - read) / 1_000_000, report.summary());
        assertEquals(PVS, report.matched().size(), report.summary());
        assertEquals(PVS * 4 / 5, report.matched().stream().filter(PvMatch::exists).count());

        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), InventoryTiming.class.getName(),
                file.toString(), k8s.toString(), csi.toString()));
        long spawned = System.nanoTime();
        Process child = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!child.waitFor(60, TimeUnit.SECONDS)) {
            child.destroyForcibly();
        }
        System.out.print(output);
        System.out.printf("fresh JVM: the whole java process took %d ms%n", (System.nanoTime() - spawned) / 1_000_000);
        assertEquals(0, child.exitValue(), "command: " + String.join(" ", command) + "\noutput:\n" + output);
    }
}
