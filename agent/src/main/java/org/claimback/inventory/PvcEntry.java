package org.claimback.inventory;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One PersistentVolumeClaim object of an inventory. Text fields are null when absent.
 *
 * @param uid               {@code metadata.uid}; equals the PV's {@code spec.claimRef.uid}
 * @param storageClass      {@code spec.storageClassName}
 * @param requestedCapacity {@code spec.resources.requests.storage} as written, e.g. {@code 5Gi}
 * @param volumeName        {@code spec.volumeName}: the PV it is bound (or pre-bound) to
 */
public record PvcEntry(String namespace, String name, String uid, String storageClass, String requestedCapacity,
                       List<String> accessModes, String volumeName, Map<String, String> labels,
                       Map<String, String> annotations) {

    public PvcEntry {
        Objects.requireNonNull(namespace, "namespace");
        Objects.requireNonNull(name, "name");
        accessModes = accessModes == null ? List.of() : List.copyOf(accessModes);
        labels = labels == null ? Map.of() : Map.copyOf(labels);
        annotations = annotations == null ? Map.of() : Map.copyOf(annotations);
    }

    /** {@code <namespace>-<name>}. */
    public String claimKey() {
        return namespace + "-" + name;
    }
}
