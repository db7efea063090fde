/**
 * Inventory: reads the cluster's PV inventory from a file and finds each PV's directory on this
 * server.
 *
 * <p>The PV objects are the only complete source of which directory belongs to which claim
 * ({@code spec.nfs.path} or the csi share and subdir give the directory, {@code spec.claimRef}
 * the claim). They reach the NFS server as a file, without cluster credentials there: written by a
 * CronJob in the cluster onto the export ({@code install/kubernetes/}), or copied by hand.
 *
 * <h2>What it owns</h2>
 * <ul>
 *   <li>Reading an inventory file ({@link org.claimback.inventory.InventoryReader}) into
 *       {@link org.claimback.inventory.PvEntry} and {@link org.claimback.inventory.PvcEntry} records.
 *       Accepted: the output of {@code kubectl get pv -o json} (a {@code List}), of
 *       {@code kubectl get pv,pvc -A -o json} (a {@code List} of both), the API server's
 *       {@code PersistentVolumeList}, a single PersistentVolume, a JSON array of objects, several
 *       JSON values one after the other, and all of these in YAML (documents split by
 *       {@code ---}). A file is JSON when its first character is <code>{</code> or {@code [},
 *       YAML otherwise. Unknown fields and objects of other kinds are ignored; an empty
 *       {@code List} is a cluster without PVs. A file with no PersistentVolume otherwise (only
 *       claims, or no Kubernetes objects at all), a missing, empty, cut-short or unparseable file
 *       is an {@link org.claimback.inventory.InventoryException}: one line naming the file, what
 *       is wrong and how to fix it.</li>
 *   <li>The csi-driver-nfs volume handle forms ({@link org.claimback.inventory.CsiNfsHandle}) and
 *       where a PV's directory is on its server ({@link org.claimback.inventory.ServerPath}).</li>
 *   <li>Matching PVs to directories under the export roots
 *       ({@link org.claimback.inventory.InventoryMatcher}), with the outcome and a reason for each
 *       PV ({@link org.claimback.inventory.PvMatch}) and skipped PVs counted by reason
 *       ({@link org.claimback.inventory.MatchReport}).</li>
 * </ul>
 *
 * <h2>Where a PV's directory is on its server</h2>
 * <ul>
 *   <li>{@code spec.nfs}: {@code path}.</li>
 *   <li>csi-driver-nfs ({@code nfs.csi.k8s.io}): volumeAttributes {@code share} + {@code subdir}.
 *       Drivers before v4 did not record {@code subdir}: then the volume handle's subDir, when the
 *       handle's baseDir is the share ({@code server#baseDir#subDir#uuid#onDelete}, older
 *       {@code server#baseDir#subDir}, oldest {@code server/baseDir/subDir}). A {@code share}
 *       without a usable subdir is a statically provisioned PV: the share is the volume. No
 *       {@code share}: the handle's {@code /baseDir/subDir}.</li>
 *   <li>Another csi driver whose volumeAttributes say {@code node_attach_driver: nfs}
 *       (democratic-csi's nfs drivers): its {@code share}.</li>
 *   <li>Anything else (hostPath, local, other csi drivers, iSCSI, ...) is skipped, counted by
 *       reason. With the server's NFS names given, PVs of other NFS servers are skipped too.</li>
 * </ul>
 *
 * <h2>Matching a server path to a directory here: the rules</h2>
 * Export roots are absolute and normalized; a path with a {@code ..} in it is never matched.
 * <ol>
 *   <li><b>Under</b>: the path is an export root or under one: that path, whether or not the
 *       directory exists now (a deleted or archived directory still had that claim). Of nested
 *       export roots the deepest is named. No disk access decides this rule; it only reports
 *       {@link org.claimback.inventory.PvMatch#exists()}.</li>
 *   <li>Otherwise the server names its directories relative to something else than its own root:
 *       an NFSv4 pseudo-root ({@code fsid=0} on {@code /srv/nfs} makes {@code /srv/nfs/k8s/x}
 *       {@code /k8s/x} to clients) or a bind mount. For each export root R, the first of these
 *       that is a directory now, reached without following a symlink below R:
 *       <ol type="a">
 *         <li><b>overlap</b>: R's last k names equal the path's first k names; R + the rest of the
 *             path. Longest overlap first ({@code /k8s/x} under R = {@code /srv/nfs/k8s}:
 *             {@code /srv/nfs/k8s/x}).</li>
 *         <li><b>trailing part</b>: R + the path's last names, the longest trailing part first
 *             ({@code /k8s/x} under R = {@code /srv/nfs}: {@code /srv/nfs/k8s/x}, then
 *             {@code /srv/nfs/x}).</li>
 *       </ol>
 *       One directory found (nested roots may find the same one; the deepest root is named):
 *       matched. Different directories under different roots: ambiguous, never guessed. None:
 *       not found.</li>
 * </ol>
 * The rules look only at the PV and the disk, so the same inventory and the same disk always give
 * the same answer. A trailing part can match a directory of the same name that belongs to another
 * NFS server's PV; give the matcher this server's NFS names to rule that out.
 *
 * <h2>What it must never do</h2>
 * <ul>
 *   <li>Talk to the Kubernetes API: the inventory only ever comes from a file, so everything works
 *       when the cluster is gone.</li>
 *   <li>Write anything: no file, directory or catalogue row. Remembering what it read is the
 *       caller's job ({@link org.claimback.inventory.PvMatch#toRecord} builds the catalogue's
 *       record).</li>
 *   <li>Guess: a PV that fits two directories is ambiguous, a PV it can't place is listed with the
 *       reason, never matched to the nearest name.</li>
 *   <li>Follow a symlink below an export root, or read inside a volume.</li>
 * </ul>
 */
package org.claimback.inventory;
