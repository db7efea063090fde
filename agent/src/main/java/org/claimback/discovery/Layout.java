package org.claimback.discovery;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

/**
 * How a provisioner lays out PV directories under an export root, and how to read them back.
 * Chosen by the {@code layout} name of an {@link ExportRoot}. A layout only reads: it lists
 * directories, never follows a symlink and never writes.
 */
public interface Layout {

    /** The name configured for an export root, e.g. {@code nfs-subdir}. */
    String name();

    /**
     * Reads one export root, an existing directory, and hands every volume and unmatched entry to
     * {@code found}.
     *
     * @throws IOException if the export root itself cannot be listed
     */
    void read(Path exportRoot, Consumer<Finding> found) throws IOException;

    /** The names of the layouts this version knows. */
    static List<String> names() {
        return List.of(NfsSubdirLayout.NAME);
    }

    /**
     * The layout of that name.
     *
     * @param knownNamespaces the namespaces the user says exist (may be empty): they narrow
     *                        ambiguous claim keys, see the package documentation
     * @throws IllegalArgumentException if no layout has that name
     */
    static Layout named(String name, Set<String> knownNamespaces) {
        requireKnown(name);
        return new NfsSubdirLayout(knownNamespaces);
    }

    /** @throws IllegalArgumentException with a one-line message if no layout has that name */
    static void requireKnown(String name) {
        if (!names().contains(name)) {
            throw new IllegalArgumentException("unknown layout " + Quoting.quote(name)
                    + ": the layouts are " + String.join(", ", names()));
        }
    }
}
