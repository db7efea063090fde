package org.claimback.inventory;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What one inventory file holds: the cluster's PersistentVolumes and, when it was written with
 * {@code kubectl get pv,pvc -A -o json}, its PersistentVolumeClaims, each in the file's order.
 *
 * @param source the file it was read from
 */
public record Inventory(Path source, List<PvEntry> pvs, List<PvcEntry> pvcs) {

    public Inventory {
        Objects.requireNonNull(source, "source");
        pvs = List.copyOf(pvs);
        pvcs = List.copyOf(pvcs);
    }

    /** The PersistentVolume named {@code pvName}, if the file lists it. */
    public Optional<PvEntry> pv(String pvName) {
        return pvs.stream().filter(pv -> pv.pvName().equals(pvName)).findFirst();
    }

    /** The PersistentVolumeClaim {@code namespace/name}, if the file lists it. */
    public Optional<PvcEntry> pvc(String namespace, String name) {
        return pvcs.stream().filter(c -> c.namespace().equals(namespace) && c.name().equals(name)).findFirst();
    }
}
