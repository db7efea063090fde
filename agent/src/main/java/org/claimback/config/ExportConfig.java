package org.claimback.config;

import java.nio.file.Path;
import java.util.List;

/**
 * One export root, the provisioner layout of the PV directories under it, the layout's pattern
 * ({@code pathPattern} of nfs-subdir, {@code subDir} of csi-nfs) or null for its default, and
 * the filesystem snapshot each backup run reads it through ({@link #SNAPSHOT_NONE} or
 * {@link #SNAPSHOT_BTRFS}).
 */
public record ExportConfig(Path path, String layout, String pattern, String snapshot) {
    public static final String SNAPSHOT_NONE = "none";
    public static final String SNAPSHOT_BTRFS = "btrfs";
    public static final List<String> SNAPSHOTS = List.of(SNAPSHOT_NONE, SNAPSHOT_BTRFS);

    /** An export read live, without a filesystem snapshot. */
    public ExportConfig(Path path, String layout, String pattern) {
        this(path, layout, pattern, SNAPSHOT_NONE);
    }

    /** True when backups read this export through a read-only btrfs snapshot. */
    public boolean btrfsSnapshot() {
        return SNAPSHOT_BTRFS.equals(snapshot);
    }
}
