package org.claimback.discovery;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

/**
 * kubernetes-csi/csi-driver-nfs ({@code nfs.csi.k8s.io}), the export root being the StorageClass
 * {@code share}. Without a pattern each volume is {@code <share>/pvc-<uuid>}, named after its PV
 * only, so its claim is not known from the name. With a pattern (the {@code subDir} parameter:
 * {@code ${pvc.metadata.namespace}}, {@code ${pvc.metadata.name}}, {@code ${pv.metadata.name}},
 * '/' for nested directories) each volume is at the path it renders. {@code onDelete: archive}
 * renames a volume to {@code <share>/archived-<subDir>}: the prefix goes on the first directory of
 * a nested path ({@code ns/data} becomes {@code archived-ns/data}). Snapshot directories
 * ({@code snapshot-<uuid>}) are no volumes. With a pattern, a {@code pvc-<uuid>} (or
 * {@code archived-pvc-<uuid>}) directly under the share is still read as a default volume: other
 * StorageClasses without subDir often share the share. The rules are in the package documentation.
 */
public final class CsiNfsLayout implements Layout {

    public static final String NAME = "csi-nfs";
    /** The subDir the driver uses when the StorageClass gives none: the PV name. */
    public static final String DEFAULT_PATTERN = "${pv.metadata.name}";

    static final String NOT_A_PV =
            "name is neither a PV name pvc-<uuid> nor archived-pvc-<uuid>: no csi-nfs volume";
    static final String SNAPSHOT = "a csi-driver-nfs snapshot (snapshot-<uuid>, holding a .tar.gz), not a volume";

    private static final String ARCHIVED = "archived-";
    private static final String SNAPSHOT_PREFIX = "snapshot-";

    private final PathPattern pattern;
    private final PatternReader reader;

    /** The default layout: {@code pvc-<uuid>} directly under the share. */
    public CsiNfsLayout() {
        this(null, Set.of());
    }

    /**
     * @param pattern         the subDir template; null or "" for the default, the PV name
     * @param knownNamespaces the namespaces the user says exist; may be empty
     * @throws IllegalArgumentException with one line naming what is wrong with the pattern or a namespace
     */
    public CsiNfsLayout(String pattern, Set<String> knownNamespaces) {
        boolean byDefault = pattern == null || pattern.isEmpty();
        this.pattern = PathPattern.compile(byDefault ? DEFAULT_PATTERN : pattern, PathPattern.Dialect.CSI_NFS);
        // the driver trims '/' off both ends of subDir (it is a field of the volume handle) before prefixing
        String archived = ARCHIVED + Slashes.trim(this.pattern.text());
        List<PatternReader.Form> forms = List.of(
                new PatternReader.Form(this.pattern, VolumeState.LIVE),
                new PatternReader.Form(PathPattern.compile(archived, PathPattern.Dialect.CSI_NFS), VolumeState.ARCHIVED));
        boolean pvNamesFirst = !byDefault && this.pattern.levels().get(0).parts().stream()
                .noneMatch(p -> p instanceof PathPattern.Token t && t.kind() == PathPattern.Kind.PV_NAME);
        this.reader = new PatternReader(NAME, forms, knownNamespaces, new PatternReader.Hooks() {
            @Override
            public Finding first(Path exportRoot, Path directory) {
                String name = directory.getFileName().toString();
                if (name.startsWith(SNAPSHOT_PREFIX) && KubernetesNames.isUuidAt(name, SNAPSHOT_PREFIX.length())) {
                    return new UnmatchedDirectory(exportRoot, directory, SNAPSHOT);
                }
                // pvc-<uuid>: a volume of a StorageClass without subDir sharing the share
                return pvNamesFirst ? byPvName(exportRoot, directory) : null;
            }

            @Override
            public String mismatch(String name, int depth, String expectedLevel) {
                if (byDefault) {
                    return NOT_A_PV;
                }
                return "name does not fit " + expectedLevel + ", level " + depth + " of the subDir "
                        + Quoting.quote(CsiNfsLayout.this.pattern.text()) + " (or of its archive, archived-…)";
            }
        });
    }

    /** {@code pvc-<uuid>} or {@code archived-pvc-<uuid>} as a volume of the default subDir; null for other names. */
    private static Finding byPvName(Path exportRoot, Path directory) {
        String name = directory.getFileName().toString();
        if (KubernetesNames.isProvisionedPvName(name)) {
            return DiscoveredVolume.withoutClaim(exportRoot, directory, NAME, name, VolumeState.LIVE);
        }
        if (name.startsWith(ARCHIVED) && KubernetesNames.isProvisionedPvName(name.substring(ARCHIVED.length()))) {
            return DiscoveredVolume.withoutClaim(exportRoot, directory, NAME, name.substring(ARCHIVED.length()),
                    VolumeState.ARCHIVED);
        }
        return null;
    }

    @Override
    public String name() {
        return NAME;
    }

    /** The subDir template, {@link #DEFAULT_PATTERN} when none was given. */
    public String pattern() {
        return pattern.text();
    }

    @Override
    public void read(Path exportRoot, Consumer<Finding> found) throws IOException {
        reader.read(exportRoot, found);
    }
}
