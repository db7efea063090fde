package org.claimback.inventory;

import java.util.Optional;

/**
 * The directory of a PV as its NFS server exports it, and where in the PV object that was read.
 *
 * @param server the NFS server the PV names, or null when it names none
 * @param path   the directory, as the PV names it (absolute, unless a PV says otherwise)
 * @param subdir for csi volumes, the subdirectory under the share (attribute {@code subdir} or the
 *               volume handle's), else null
 * @param from   where it was read, for messages: {@code spec.nfs.path}, {@code csi share+subdir},
 *               {@code csi share+volumeHandle}, {@code csi share}, {@code csi volumeHandle}
 */
public record ServerPath(String server, String path, String subdir, String from) {

    /** The csi driver name of kubernetes-csi/csi-driver-nfs. */
    public static final String CSI_NFS_DRIVER = "nfs.csi.k8s.io";

    /**
     * Where the directory of {@code pv} is on its NFS server; empty for PVs that are not on NFS.
     * <ul>
     *   <li>{@code spec.nfs}: its {@code path}.</li>
     *   <li>csi-driver-nfs: attributes {@code share} + {@code subdir}. Without {@code subdir}
     *       (drivers before v4 did not record it): {@code share} + the volume handle's subDir,
     *       when the handle's baseDir is that share. Otherwise {@code share} alone: a statically
     *       provisioned PV whose share is the volume. Without {@code share}: the handle's
     *       {@code /baseDir/subDir}.</li>
     *   <li>Another csi driver whose attributes say {@code node_attach_driver: nfs} (democratic-csi):
     *       its {@code share}, which is the volume's own directory.</li>
     * </ul>
     */
    public static Optional<ServerPath> of(PvEntry pv) {
        if (pv.nfsPath() != null) {
            return Optional.of(new ServerPath(pv.nfsServer(), pv.nfsPath(), null, "spec.nfs.path"));
        }
        if (pv.csiDriver() == null) {
            return Optional.empty();
        }
        String server = pv.csiAttribute("server");
        String share = pv.csiAttribute("share");
        if (!CSI_NFS_DRIVER.equals(pv.csiDriver())) {
            boolean nfs = "nfs".equalsIgnoreCase(pv.csiAttribute("node_attach_driver"));
            return nfs && share != null ? Optional.of(new ServerPath(server, share, null, "csi share"))
                    : Optional.empty();
        }
        String subdir = pv.csiAttribute("subdir");
        if (share != null && subdir != null) {
            return Optional.of(new ServerPath(server, join(share, subdir), trim(subdir), "csi share+subdir"));
        }
        Optional<CsiNfsHandle> handle = CsiNfsHandle.parse(pv.csiVolumeHandle())
                .filter(h -> !trim(h.subDir()).isEmpty());
        if (share != null) {
            if (handle.isPresent() && trim(handle.get().baseDir()).equals(trim(share))) {
                String fromHandle = trim(handle.get().subDir());
                return Optional.of(new ServerPath(server, join(share, fromHandle), fromHandle,
                        "csi share+volumeHandle"));
            }
            return Optional.of(new ServerPath(server, share, null, "csi share"));
        }
        return handle.map(h -> new ServerPath(server != null ? server : h.server(), h.path(), trim(h.subDir()),
                "csi volumeHandle"));
    }

    /** Why {@link #of} found nothing for {@code pv}: a short reason without the PV's name, to count PVs by. */
    static String whyNot(PvEntry pv) {
        if (pv.csiDriver() != null) {
            if (CSI_NFS_DRIVER.equals(pv.csiDriver())) {
                return "csi-driver-nfs volume without a share attribute or a volume handle to read";
            }
            return "csi driver " + pv.csiDriver() + ", not NFS";
        }
        if (pv.sourceType() == null) {
            return "no volume source";
        }
        if (pv.sourceType().equals("nfs")) {
            return "spec.nfs without a path";
        }
        return "not NFS (" + pv.sourceType() + ")";
    }

    /** {@code directory/sub} with one slash between them; sub's own slashes at either end are dropped. */
    static String join(String directory, String sub) {
        String left = directory.endsWith("/") ? directory.substring(0, directory.length() - 1) : directory;
        String right = trim(sub);
        return right.isEmpty() ? (left.isEmpty() ? "/" : left) : left + "/" + right;
    }

    /** {@code text} without slashes at either end. */
    static String trim(String text) {
        int start = 0;
        int end = text.length();
        while (start < end && text.charAt(start) == '/') {
            start++;
        }
        while (end > start && text.charAt(end - 1) == '/') {
            end--;
        }
        return text.substring(start, end);
    }
}
