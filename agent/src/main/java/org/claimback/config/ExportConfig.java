package org.claimback.config;

import java.nio.file.Path;

/**
 * One export root, the provisioner layout of the PV directories under it, and the layout's
 * pattern ({@code pathPattern} of nfs-subdir, {@code subDir} of csi-nfs), or null for its default.
 */
public record ExportConfig(Path path, String layout, String pattern) {}
