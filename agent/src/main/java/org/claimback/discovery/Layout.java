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
        return List.of(NfsSubdirLayout.NAME, CsiNfsLayout.NAME);
    }

    /** The layout of that name with its default pattern. */
    static Layout named(String name, Set<String> knownNamespaces) {
        return named(name, null, knownNamespaces);
    }

    /**
     * The layout of that name.
     *
     * @param pattern         the provisioner's path template: nfs-subdir's {@code pathPattern} or
     *                        csi-nfs's {@code subDir}; null or "" for the layout's default (as the
     *                        provisioners treat an empty parameter)
     * @param knownNamespaces the namespaces the user says exist (may be empty): they narrow
     *                        ambiguous claim keys, see the package documentation
     * @throws IllegalArgumentException with a one-line message if no layout has that name, the
     *                                  pattern is invalid for it (unknown token, unclosed
     *                                  <code>${</code>, {@code ..}, …) or a namespace is invalid
     */
    static Layout named(String name, String pattern, Set<String> knownNamespaces) {
        requireKnown(name);
        boolean byDefault = pattern == null || pattern.isEmpty();
        if (name.equals(CsiNfsLayout.NAME)) {
            return new CsiNfsLayout(pattern, knownNamespaces);
        }
        return byDefault ? new NfsSubdirLayout(knownNamespaces) : new NfsSubdirPatternLayout(pattern, knownNamespaces);
    }

    /** @throws IllegalArgumentException with a one-line message if no layout has that name */
    static void requireKnown(String name) {
        if (!names().contains(name)) {
            throw new IllegalArgumentException("unknown layout " + Quoting.quote(String.valueOf(name))
                    + ": the layouts are " + String.join(", ", names()));
        }
    }
}
