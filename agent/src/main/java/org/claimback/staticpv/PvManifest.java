package org.claimback.staticpv;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.UncheckedIOException;
import java.util.Comparator;
import java.util.List;
import org.claimback.config.YamlOutput;

/**
 * The YAML of a static PV and its PVC. Each document is written by Jackson; only the {@code ---}
 * separators and the comment lines above each document (what the PV is, which values were guessed)
 * are added as text, since YAML comments are no part of the data.
 */
final class PvManifest {
    static final String MANAGED_BY = "app.kubernetes.io/managed-by";
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private PvManifest() {}

    static String manifests(List<NewPv> pvs) {
        StringBuilder out = new StringBuilder();
        pvs.stream()
                .sorted(Comparator.comparing((NewPv p) -> p.claim().namespace()).thenComparing(p -> p.claim().name()))
                .forEach(pv -> out.append(manifest(pv)));
        return out.toString();
    }

    static String manifest(NewPv pv) {
        String claim = pv.claim().namespace() + "/" + pv.claim().name();
        StringBuilder out = new StringBuilder();
        out.append("---\n");
        out.append("# Static PV for the claim ").append(claim).append(": directory ").append(pv.directory())
                .append(" on this server.\n");
        out.append("# Apply it before the claim. Reclaim policy Retain: deleting the claim never deletes the data.\n");
        if (!pv.guessed().isEmpty()) {
            out.append("# GUESSED, no PV inventory listed this claim: ").append(String.join(", ", pv.guessed()))
                    .append(". Check them against the claim in your Git repository.\n");
        }
        out.append(write(persistentVolume(pv)));
        out.append("---\n");
        out.append("# The claim ").append(claim).append(", bound to that PV by spec.volumeName.\n");
        out.append(write(persistentVolumeClaim(pv)));
        return out.toString();
    }

    static ObjectNode persistentVolume(NewPv pv) {
        ObjectNode doc = NODES.objectNode();
        doc.put("apiVersion", "v1");
        doc.put("kind", "PersistentVolume");
        ObjectNode meta = doc.putObject("metadata");
        meta.put("name", pv.pvName());
        meta.putObject("labels").put(MANAGED_BY, "claimback");
        ObjectNode spec = doc.putObject("spec");
        spec.putObject("capacity").put("storage", pv.capacity());
        accessModes(spec, pv);
        spec.put("persistentVolumeReclaimPolicy", "Retain");
        spec.put("storageClassName", pv.storageClass());
        ObjectNode claimRef = spec.putObject("claimRef");
        claimRef.put("namespace", pv.claim().namespace());
        claimRef.put("name", pv.claim().name());
        ObjectNode nfs = spec.putObject("nfs");
        nfs.put("server", pv.nfsServer());
        nfs.put("path", pv.nfsPath());
        return doc;
    }

    static ObjectNode persistentVolumeClaim(NewPv pv) {
        ObjectNode doc = NODES.objectNode();
        doc.put("apiVersion", "v1");
        doc.put("kind", "PersistentVolumeClaim");
        ObjectNode meta = doc.putObject("metadata");
        meta.put("name", pv.claim().name());
        meta.put("namespace", pv.claim().namespace());
        ObjectNode spec = doc.putObject("spec");
        accessModes(spec, pv);
        spec.put("storageClassName", pv.storageClass());
        spec.put("volumeName", pv.pvName());
        spec.putObject("resources").putObject("requests").put("storage", pv.capacity());
        return doc;
    }

    private static void accessModes(ObjectNode spec, NewPv pv) {
        ArrayNode modes = spec.putArray("accessModes");
        pv.accessModes().forEach(modes::add);
    }

    private static String write(ObjectNode doc) {
        try {
            return YamlOutput.MAPPER.writeValueAsString(doc);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
