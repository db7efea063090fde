package org.claimback.catalog;

import java.time.Instant;
import java.util.List;

/**
 * A PersistentVolume as the newest inventory that listed it described it, and the directory on
 * this server it was matched to. {@code id} is 0 until the record is stored. Text fields are null
 * when the inventory did not say.
 *
 * @param claimNamespace namespace of {@code spec.claimRef}; null (with claimName) while unbound
 * @param claimUid       {@code spec.claimRef.uid}, the PVC's uid when bound by Kubernetes
 * @param capacity       {@code spec.capacity.storage} as written, e.g. {@code 10Gi}
 * @param accessModes    {@code spec.accessModes}, in the inventory's order
 * @param phase          {@code status.phase}: Available, Bound, Released or Failed
 * @param provisionedBy  annotation {@code pv.kubernetes.io/provisioned-by}
 * @param nfsServer      {@code spec.nfs.server}, or the csi {@code server} attribute
 * @param nfsPath        the directory as the NFS server exports it ({@code spec.nfs.path}, or the
 *                       csi share and subdir joined)
 * @param csiShare       csi volumeAttributes {@code share}
 * @param csiSubdir      csi volumeAttributes {@code subdir}, or the subdirectory read from the
 *                       volume handle
 * @param volumeHandle   {@code spec.csi.volumeHandle}
 * @param localPath      the matched directory on this server, or null when none was found
 * @param source         the inventory file the record was last read from
 * @param firstSeen      when an inventory first listed the PV
 * @param lastSeen       when an inventory last listed the PV
 */
public record InventoryPvRecord(long id, String pvName, String claimNamespace, String claimName, String claimUid,
                                String storageClass, String capacity, List<String> accessModes,
                                String reclaimPolicy, String phase, String provisionedBy, String nfsServer,
                                String nfsPath, String csiShare, String csiSubdir, String volumeHandle,
                                String localPath, String source, Instant firstSeen, Instant lastSeen) {

    public InventoryPvRecord {
        accessModes = accessModes == null ? List.of() : List.copyOf(accessModes);
    }

    /** True when the PV names a claim. */
    public boolean bound() {
        return claimNamespace != null;
    }
}
