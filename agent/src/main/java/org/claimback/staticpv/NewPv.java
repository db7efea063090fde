package org.claimback.staticpv;

import java.nio.file.Path;
import java.util.List;
import org.claimback.catalog.ClaimRecord;

/**
 * A fresh PV planned for a claim; nothing exists yet.
 *
 * @param pvName       the PV's name, {@code pvc-<uuid>}
 * @param directory    the PV directory on this server (absolute, under {@code exportRoot})
 * @param exportRoot   the configured export root it goes under
 * @param nfsServer    {@code spec.nfs.server}
 * @param nfsPath      {@code spec.nfs.path}: the directory as NFS clients mount it
 * @param storageClass {@code storageClassName}; "" binds statically without any provisioner
 * @param capacity     {@code spec.capacity.storage}, e.g. {@code 5Gi}
 * @param accessModes  {@code spec.accessModes}
 * @param guessed      which of storageClassName, capacity, accessModes, nfs.server were guessed
 *                     because no PV inventory told them; empty when all are remembered
 */
public record NewPv(ClaimRecord claim, String pvName, Path directory, Path exportRoot, String nfsServer, String nfsPath,
                    String storageClass, String capacity, List<String> accessModes, List<String> guessed) {

    public NewPv {
        accessModes = List.copyOf(accessModes);
        guessed = List.copyOf(guessed);
    }

    /** A plan with nothing guessed. */
    public NewPv(ClaimRecord claim, String pvName, Path directory, Path exportRoot, String nfsServer, String nfsPath,
                 String storageClass, String capacity, List<String> accessModes) {
        this(claim, pvName, directory, exportRoot, nfsServer, nfsPath, storageClass, capacity, accessModes, List.of());
    }
}
