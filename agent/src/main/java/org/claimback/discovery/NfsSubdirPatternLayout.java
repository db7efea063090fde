package org.claimback.discovery;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

/**
 * nfs-subdir-external-provisioner with a {@code pathPattern} StorageClass parameter: each volume
 * at the path the template renders ({@code ${.PVC.namespace}}, {@code ${.PVC.name}},
 * {@code ${.PVC.labels.<key>}}, {@code ${.PVC.annotations.<key>}}, '/' for nested directories).
 * No token names the PV, so a claim keeps its directory across cluster rebuilds and
 * {@link DiscoveredVolume#pvName()} is null. On delete the provisioner renames the volume to
 * {@code archived-<last directory of its path>} directly under the export root
 * ({@code filepath.Join(mountPath, "archived-"+filepath.Base(path))}): a nested volume loses the
 * levels above its last one. Directly under the export root, a name the default rules read as a
 * volume ({@code <ns>-<pvc>-pvc-<uuid>}) is read by them ({@link NfsSubdirLayout}): the provisioner
 * falls back to that name when the pattern renders empty, and StorageClasses with and without a
 * pattern often share one export. The rules are in the package documentation.
 */
public final class NfsSubdirPatternLayout implements Layout {

    private final PathPattern pattern;
    private final PatternReader reader;

    /**
     * @param pattern         the pathPattern, as in the StorageClass
     * @param knownNamespaces the namespaces the user says exist; may be empty
     * @throws IllegalArgumentException with one line naming what is wrong with the pattern or a namespace
     */
    public NfsSubdirPatternLayout(String pattern, Set<String> knownNamespaces) {
        this.pattern = PathPattern.compile(pattern, PathPattern.Dialect.NFS_SUBDIR);
        List<PatternReader.Form> forms = new ArrayList<>();
        forms.add(new PatternReader.Form(this.pattern, VolumeState.LIVE));
        for (String archive : archiveTemplates(this.pattern)) {
            forms.add(new PatternReader.Form(PathPattern.compile(archive, PathPattern.Dialect.NFS_SUBDIR),
                    VolumeState.ARCHIVED));
        }
        NfsSubdirLayout defaultNames = new NfsSubdirLayout(knownNamespaces);
        this.reader = new PatternReader(NfsSubdirLayout.NAME, forms, knownNamespaces, new PatternReader.Hooks() {
            @Override
            public Finding first(Path exportRoot, Path directory) {
                // <ns>-<pvc>-pvc-<uuid>: the provisioner's name when the pattern renders "", or a
                // volume of a StorageClass without pattern sharing the export
                Finding byDefault = defaultNames.readName(exportRoot, directory);
                return byDefault instanceof DiscoveredVolume ? byDefault : null;
            }

            @Override
            public String mismatch(String name, int depth, String expectedLevel) {
                return "name does not fit " + expectedLevel + ", level " + depth + " of the pathPattern "
                        + Quoting.quote(NfsSubdirPatternLayout.this.pattern.text());
            }
        });
    }

    /**
     * {@code archived-} and each level that can be the last directory of a volume's path: the last
     * level, and any level followed only by levels that may vanish.
     */
    private static Set<String> archiveTemplates(PathPattern pattern) {
        Set<String> out = new LinkedHashSet<>();
        List<PathPattern.Level> levels = pattern.levels();
        for (int l = levels.size() - 1; l >= 0; l--) {
            out.add("archived-" + levels.get(l).text());
            if (!levels.get(l).mayBeEmpty()) {
                break;
            }
        }
        return out;
    }

    @Override
    public String name() {
        return NfsSubdirLayout.NAME;
    }

    /** The pathPattern as given. */
    public String pattern() {
        return pattern.text();
    }

    @Override
    public void read(Path exportRoot, Consumer<Finding> found) throws IOException {
        reader.read(exportRoot, found);
    }
}
