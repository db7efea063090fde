package org.claimback.staticpv;

import java.nio.file.Path;

/**
 * The path NFS clients mount for a directory on this server. With an NFSv4 pseudo-root
 * ({@code fsid=0}) clients see {@code /k8s/x} for the local {@code /srv/nfs/k8s/x}: when a PV
 * inventory recorded both the old PV's {@code spec.nfs.path} and the directory it was found at,
 * the same prefix rewrite is applied to the new directory; otherwise the local path is the path.
 */
final class NfsPaths {
    private NfsPaths() {}

    /**
     * @param oldNfsPath   the old PV's path as clients mounted it, or null
     * @param oldLocalPath the directory that path was found to be on this server, or null
     */
    static String clientPath(Path directory, String oldNfsPath, String oldLocalPath) {
        String local = directory.toString();
        if (oldNfsPath == null || oldLocalPath == null || !oldNfsPath.startsWith("/") || !oldLocalPath.startsWith("/")) {
            return local;
        }
        Path oldNfs = Path.of(oldNfsPath).normalize();
        Path oldLocal = Path.of(oldLocalPath).normalize();
        int common = 0;
        while (common < oldNfs.getNameCount() && common < oldLocal.getNameCount()
                && oldNfs.getName(oldNfs.getNameCount() - 1 - common)
                        .equals(oldLocal.getName(oldLocal.getNameCount() - 1 - common))) {
            common++;
        }
        Path localPrefix = prefix(oldLocal, oldLocal.getNameCount() - common);
        Path nfsPrefix = prefix(oldNfs, oldNfs.getNameCount() - common);
        if (common == 0 || !directory.startsWith(localPrefix)) {
            return local;
        }
        return nfsPrefix.resolve(localPrefix.relativize(directory)).toString();
    }

    private static Path prefix(Path path, int count) {
        return count == 0 ? path.getRoot() : path.getRoot().resolve(path.subpath(0, count));
    }
}
