package org.claimback.discovery;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Set;

/**
 * A directory exported over NFS under which a provisioner creates PV directories, the layout it
 * uses and, for templated layouts, the template. The path is made absolute and normalized; a null
 * layout is the default; a null or empty pattern is the layout's default (an empty pathPattern or
 * subDir is the provisioners' default too).
 *
 * @param pattern nfs-subdir's {@code pathPattern} or csi-nfs's {@code subDir}, as in the
 *                StorageClass; null for the layout's default
 */
public record ExportRoot(Path path, String layout, String pattern) {

    /** The layout of an export root that names none. */
    public static final String DEFAULT_LAYOUT = NfsSubdirLayout.NAME;

    /**
     * @throws IllegalArgumentException if the layout is unknown (one line, naming the known ones) or
     *                                  the pattern is invalid for it (one line, naming what is wrong)
     */
    public ExportRoot {
        Objects.requireNonNull(path, "path");
        path = path.toAbsolutePath().normalize();
        layout = layout == null ? DEFAULT_LAYOUT : layout;
        pattern = pattern == null || pattern.isEmpty() ? null : pattern;
        Layout.named(layout, pattern, Set.of());
    }

    /** An export root with the layout's default pattern. */
    public ExportRoot(Path path, String layout) {
        this(path, layout, null);
    }

    /** An export root with the default layout, nfs-subdir. */
    public ExportRoot(Path path) {
        this(path, DEFAULT_LAYOUT);
    }
}
