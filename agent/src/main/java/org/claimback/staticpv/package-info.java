/**
 * Static PersistentVolumes: plans a fresh PV directory for a claim on an export, makes it, and
 * writes the PV and PVC manifests (YAML) that bind it to the claim in a rebuilt cluster — by
 * {@code claimRef} namespace/name without uid, reclaim policy Retain, no provisioner annotation,
 * with the storage class, capacity and access modes the catalogue remembers (guessed, and said
 * so in the YAML, when no PV inventory ever listed the claim).
 *
 * <p>It owns the directory name a new PV gets (as the export's provisioner would name it, so
 * discovery maps it back) and the client-side NFS path. It never writes into an existing
 * directory, never removes anything, and never talks to a cluster: it only writes YAML for a
 * person (or GitOps) to apply.
 */
package org.claimback.staticpv;
