package org.claimback.inventory;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One PersistentVolume object of an inventory, reduced to what mapping its directory to a claim
 * needs. Text fields are null when the object does not have them (an empty string counts as
 * absent).
 *
 * @param pvName              {@code metadata.name}
 * @param claimNamespace      {@code spec.claimRef.namespace}; null while unbound
 * @param claimName           {@code spec.claimRef.name}; null while unbound
 * @param claimUid            {@code spec.claimRef.uid}: the PVC's uid once Kubernetes bound it;
 *                            absent on a PV pre-bound by hand
 * @param storageClass        {@code spec.storageClassName} (or the old beta annotation)
 * @param capacity            {@code spec.capacity.storage} as written, e.g. {@code 10Gi}
 * @param accessModes         {@code spec.accessModes}
 * @param reclaimPolicy       {@code spec.persistentVolumeReclaimPolicy}: Delete, Retain, Recycle
 * @param phase               {@code status.phase}: Available, Bound, Released, Failed (absent in
 *                            hand-written manifests)
 * @param provisionedBy       annotation {@code pv.kubernetes.io/provisioned-by}; absent on
 *                            statically provisioned PVs
 * @param sourceType          the kind of volume source under {@code spec}: {@code nfs},
 *                            {@code csi}, {@code hostPath}, {@code local}, ...; null when none
 * @param nfsServer           {@code spec.nfs.server}
 * @param nfsPath             {@code spec.nfs.path}, the directory as the server exports it
 * @param csiDriver           {@code spec.csi.driver}, e.g. {@code nfs.csi.k8s.io}
 * @param csiVolumeHandle     {@code spec.csi.volumeHandle}
 * @param csiVolumeAttributes {@code spec.csi.volumeAttributes}: for csi-driver-nfs {@code server},
 *                            {@code share}, {@code subdir}, {@code csi.storage.k8s.io/pvc/name}, ...
 */
public record PvEntry(String pvName, String claimNamespace, String claimName, String claimUid,
                      String storageClass, String capacity, List<String> accessModes, String reclaimPolicy,
                      String phase, String provisionedBy, String sourceType, String nfsServer, String nfsPath,
                      String csiDriver, String csiVolumeHandle, Map<String, String> csiVolumeAttributes) {

    public PvEntry {
        Objects.requireNonNull(pvName, "pvName");
        accessModes = accessModes == null ? List.of() : List.copyOf(accessModes);
        csiVolumeAttributes = csiVolumeAttributes == null ? Map.of() : Map.copyOf(csiVolumeAttributes);
    }

    /** True when the PV names its claim (namespace and name). */
    public boolean bound() {
        return claimNamespace != null && claimName != null;
    }

    /** {@code <namespace>-<name>} of the claim, or null when unbound. */
    public String claimKey() {
        return bound() ? claimNamespace + "-" + claimName : null;
    }

    /** The csi volume attribute {@code key}, looked up without regard to case (StorageClass parameters are case-insensitive). */
    public String csiAttribute(String key) {
        String exact = csiVolumeAttributes.get(key);
        if (exact != null) {
            return exact.isEmpty() ? null : exact;
        }
        for (Map.Entry<String, String> e : csiVolumeAttributes.entrySet()) {
            if (e.getKey().equalsIgnoreCase(key)) {
                return e.getValue().isEmpty() ? null : e.getValue();
            }
        }
        return null;
    }
}
