package org.claimback.discovery;

import java.nio.file.Path;
import java.util.Objects;

/**
 * A directory exported over NFS under which a provisioner creates PV directories, and the layout
 * it uses. The path is made absolute and normalized; a null layout is the default.
 */
public record ExportRoot(Path path, String layout) {

    /** The layout of an export root that names none. */
    public static final String DEFAULT_LAYOUT = NfsSubdirLayout.NAME;

    /** @throws IllegalArgumentException if the layout is unknown (one line, naming the known ones) */
    public ExportRoot {
        Objects.requireNonNull(path, "path");
        path = path.toAbsolutePath().normalize();
        layout = layout == null ? DEFAULT_LAYOUT : layout;
        Layout.requireKnown(layout);
    }

    /** An export root with the default layout, nfs-subdir. */
    public ExportRoot(Path path) {
        this(path, DEFAULT_LAYOUT);
    }
}
