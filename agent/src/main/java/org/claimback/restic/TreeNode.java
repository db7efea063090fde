package org.claimback.restic;

import java.time.Instant;

/**
 * One entry of a snapshot's tree, as {@code restic ls --json} lists it.
 *
 * @param path  the path inside the snapshot, starting with {@code /} (relative to the backed-up
 *              directory for claimback's {@code cd DIR && restic backup .} snapshots)
 * @param type  {@code file}, {@code dir}, {@code symlink}, {@code dev}, {@code chardev},
 *              {@code fifo} or {@code socket}
 * @param size  bytes of a regular file, else 0
 * @param mode  the Unix mode bits: permissions plus setuid (04000), setgid (02000), sticky (01000)
 * @param mtime the modification time restic recorded
 */
public record TreeNode(String path, String type, long uid, long gid, long size, int mode, Instant mtime) {

    public boolean regularFile() {
        return "file".equals(type);
    }

    /**
     * Unix mode bits from Go's {@code os.FileMode} as restic prints it: the permission bits, with
     * setuid, setgid and sticky moved from Go's high bits to their Unix places.
     */
    static int unixMode(long goMode) {
        int mode = (int) (goMode & 0777);
        if ((goMode & (1L << 23)) != 0) {
            mode |= 04000;
        }
        if ((goMode & (1L << 22)) != 0) {
            mode |= 02000;
        }
        if ((goMode & (1L << 20)) != 0) {
            mode |= 01000;
        }
        return mode;
    }
}
