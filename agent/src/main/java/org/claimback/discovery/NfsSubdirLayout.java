package org.claimback.discovery;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

/**
 * The default layout of nfs-subdir-external-provisioner (and the older nfs-client provisioner):
 * one directory per volume directly under the export root, named {@code <ns>-<pvc>-pvc-<uuid>},
 * renamed to {@code archived-<that name>} (first versions: {@code archieved-}) when its claim is
 * deleted. One directory listing per export root and one {@code lstat} per entry; nothing inside a
 * volume is read. The naming rules, and how an archive prefix is told from a namespace called
 * {@code archived}, are in the package documentation.
 */
public final class NfsSubdirLayout implements Layout {

    public static final String NAME = "nfs-subdir";

    static final String NOT_A_VOLUME =
            "name does not end in -pvc-<uuid> (a 36-character lowercase UUID): no nfs-subdir volume";
    static final String NO_SPLIT =
            "the part before -pvc-<uuid> does not split into a namespace and a claim name";
    static final String PV_NAME_ONLY =
            "a PV name without a claim (the csi-driver-nfs layout?): needs a PV inventory";
    static final String ARCHIVED_WITHOUT_CLAIM =
            "archived volume without claim in its name (v4.0.0 style): needs a PV inventory";
    static final String SYMLINK = Entries.SYMLINK;

    private static final String PV_SUFFIX_START = "-" + KubernetesNames.PV_PREFIX;
    /** {@code -pvc-<uuid>}. */
    private static final int PV_SUFFIX_LENGTH = 1 + KubernetesNames.PROVISIONED_PV_LENGTH;
    private static final List<String> ARCHIVE_WORDS = List.of("archived", "archieved");

    private final Set<String> knownNamespaces;

    /**
     * A layout that knows no namespaces: every candidate of the reading chosen is kept, and a name
     * that reads both as an archive and as a live volume is archived.
     */
    public NfsSubdirLayout() {
        this(Set.of());
    }

    /**
     * @param knownNamespaces the namespaces the user says exist; may be empty
     * @throws IllegalArgumentException if one of them is no valid namespace
     */
    public NfsSubdirLayout(Set<String> knownNamespaces) {
        this.knownNamespaces = KubernetesNames.requireNamespaces(knownNamespaces);
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public void read(Path exportRoot, Consumer<Finding> found) throws IOException {
        Entries.forEachDirectory(exportRoot, exportRoot, found, directory -> found.accept(readName(exportRoot, directory)));
    }

    /**
     * Reads the name of one directory directly under {@code exportRoot}. Looks at the name only,
     * never at the disk, so names too long to exist can be tested too.
     */
    public Finding readName(Path exportRoot, Path directory) {
        String name = directory.getFileName().toString();
        int keyEnd = name.length() - PV_SUFFIX_LENGTH;
        if (KubernetesNames.isProvisionedPvName(name)) {
            return new UnmatchedDirectory(exportRoot, directory, PV_NAME_ONLY);
        }
        if (keyEnd < 0
                || !name.startsWith(PV_SUFFIX_START, keyEnd)
                || !KubernetesNames.isUuidAt(name, keyEnd + PV_SUFFIX_START.length())) {
            return new UnmatchedDirectory(exportRoot, directory, NOT_A_VOLUME);
        }
        String pvName = name.substring(keyEnd + 1);
        String key = name.substring(0, keyEnd);
        if (ARCHIVE_WORDS.contains(key)) {
            return new UnmatchedDirectory(exportRoot, directory, ARCHIVED_WITHOUT_CLAIM);
        }

        List<ClaimName> live = KubernetesNames.splits(key);
        String archivedKey = withoutArchivePrefix(key);
        List<ClaimName> archived = archivedKey == null ? List.of() : KubernetesNames.splits(archivedKey);
        if (live.isEmpty() && archived.isEmpty()) {
            return new UnmatchedDirectory(exportRoot, directory, NO_SPLIT);
        }
        if (!archived.isEmpty() && (live.isEmpty() || liveReadingRuledOut(live))) {
            return volume(exportRoot, directory, archivedKey, pvName, VolumeState.ARCHIVED, archived,
                    live.isEmpty() ? null : key);
        }
        return volume(exportRoot, directory, key, pvName, VolumeState.LIVE, live,
                archived.isEmpty() ? null : archivedKey);
    }

    /**
     * The live reading of an archive-prefixed name puts the volume in a namespace called
     * {@code archived…}. Archives are common (archiveOnDelete is the Helm chart's default) and such
     * namespaces are rare, so the archive reading wins unless the namespace list names one of the
     * live reading's namespaces. (A PV inventory that lists the directory as a live PV also makes
     * it live again; the engine applies that.)
     */
    private boolean liveReadingRuledOut(List<ClaimName> live) {
        return live.stream().noneMatch(c -> knownNamespaces.contains(c.namespace()));
    }

    private DiscoveredVolume volume(Path exportRoot, Path directory, String claimKey, String pvName,
                                    VolumeState state, List<ClaimName> splits, String alternativeClaimKey) {
        List<ClaimName> candidates = narrowed(splits);
        ClaimName claim = candidates.size() == 1 ? candidates.get(0) : null;
        return new DiscoveredVolume(exportRoot, directory, NAME, claimKey, pvName, state, claim, candidates,
                alternativeClaimKey);
    }

    /**
     * The candidates whose namespace is known, if any; all of them otherwise: a namespace list that
     * is out of date (or names only live namespaces, while an archived claim's namespace is gone)
     * must not turn a volume into nothing.
     */
    private List<ClaimName> narrowed(List<ClaimName> splits) {
        List<ClaimName> known = splits.stream().filter(c -> knownNamespaces.contains(c.namespace())).toList();
        return known.isEmpty() ? splits : known;
    }

    /** The key after {@code archived-} or {@code archieved-}, or null without such a prefix. */
    private static String withoutArchivePrefix(String key) {
        for (String word : ARCHIVE_WORDS) {
            if (key.length() > word.length() + 1 && key.startsWith(word) && key.charAt(word.length()) == '-') {
                return key.substring(word.length() + 1);
            }
        }
        return null;
    }
}
