package org.claimback.discovery;

import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Reads an export root whose volumes are laid out by a path template ({@link PathPattern}), for
 * the templated layouts. Walks down level by level, only into directories that can still lead to
 * a volume, never deeper than the template and never into a volume. Every form a volume takes on
 * disk (the live template, the archived ones) is followed at once, and where one directory reads
 * two ways the rules of the package documentation decide.
 */
final class PatternReader {

    /** One form volumes take on disk: the live template, or a template of their archives. */
    record Form(PathPattern pattern, VolumeState state) {
    }

    /** What a layout adds to the template: names it decides itself, and its words for a mismatch. */
    interface Hooks {

        /** A finding for a directory directly under the export root, taken before the template; null to read it by the template. */
        default Finding first(Path exportRoot, Path directory) {
            return null;
        }

        /**
         * Why {@code name}, at {@code depth} (1: directly under the export root), is no volume and
         * no directory above one; {@code expectedLevel} is the template level it was read against.
         */
        String mismatch(String name, int depth, String expectedLevel);
    }

    private record Position(Form form, PathPattern.State state) {
    }

    private final String layout;
    private final List<Form> forms;
    private final Set<String> knownNamespaces;
    private final Hooks hooks;
    private final String twoWays;

    PatternReader(String layout, List<Form> forms, Set<String> knownNamespaces, Hooks hooks) {
        this.layout = Objects.requireNonNull(layout, "layout");
        this.forms = List.copyOf(forms);
        this.knownNamespaces = KubernetesNames.requireNamespaces(knownNamespaces);
        this.hooks = Objects.requireNonNull(hooks, "hooks");
        this.twoWays = twoWays(forms.get(0).pattern().text());
    }

    /** Why a directory that reads both as a volume and as the directory above volumes is listed as unmatched. */
    static String twoWays(String pattern) {
        return "reads two ways: a volume whose label or annotation levels were empty (the provisioner drops empty"
                + " levels of " + Quoting.quote(pattern) + "), or the directory above volumes; read as the directory"
                + " above, so the volumes below it get no claim from their names";
    }

    /** @throws IOException if the export root itself cannot be listed */
    void read(Path exportRoot, Consumer<Finding> found) throws IOException {
        List<Position> start = forms.stream().map(f -> new Position(f, f.pattern().start())).toList();
        Entries.forEachDirectory(exportRoot, exportRoot, found,
                directory -> visit(exportRoot, directory, start, 1, false, found));
    }

    /**
     * One directory, reached through {@code above}.
     *
     * @param withheld whether a directory above read two ways, so names here give no claim
     */
    private void visit(Path root, Path directory, List<Position> above, int depth, boolean withheld,
                       Consumer<Finding> found) {
        if (depth == 1) {
            Finding first = hooks.first(root, directory);
            if (first != null) {
                found.accept(first);
                return;
            }
        }
        String name = directory.getFileName().toString();
        List<Map<String, String>> live = new ArrayList<>();
        List<Map<String, String>> archived = new ArrayList<>();
        List<Position> below = new ArrayList<>();
        for (Position position : above) {
            PathPattern pattern = position.form().pattern();
            for (PathPattern.State state : pattern.step(position.state(), name)) {
                Map<String, String> whole = pattern.complete(state);
                if (whole != null) {
                    (position.form().state() == VolumeState.LIVE ? live : archived).add(whole);
                }
                if (pattern.continues(state)) {
                    below.add(new Position(position.form(), state));
                }
            }
        }
        if (!archived.isEmpty() && !liveStands(live, below)) {
            found.accept(volume(root, directory, VolumeState.ARCHIVED, archived, withheld, claimKey(live)));
            return;
        }
        if (!live.isEmpty() && below.isEmpty()) {
            found.accept(volume(root, directory, VolumeState.LIVE, live, withheld, claimKey(archived)));
        } else if (!below.isEmpty()) {
            boolean listed = descend(root, directory, below, depth + 1, withheld || !live.isEmpty(), found);
            if (listed && !live.isEmpty()) {
                found.accept(new UnmatchedDirectory(root, directory, twoWays));
            }
        } else {
            String expected = above.stream().filter(p -> p.form().state() == VolumeState.LIVE).findFirst()
                    .or(() -> above.stream().findFirst())
                    .map(p -> p.form().pattern().expected(p.state())).orElse("");
            found.accept(new UnmatchedDirectory(root, directory, hooks.mismatch(name, depth, expected)));
        }
    }

    /** Lists a directory above volumes; false (and an unmatched entry) if it can't be listed. */
    private boolean descend(Path root, Path directory, List<Position> below, int depth, boolean withheld,
                            Consumer<Finding> found) {
        try {
            Entries.forEachDirectory(root, directory, found,
                    child -> visit(root, child, below, depth, withheld, found));
            return true;
        } catch (NoSuchFileException gone) {
            return false;
        } catch (IOException e) {
            found.accept(new UnmatchedDirectory(root, directory, "cannot be read: " + Discovery.describe(e)));
            return false;
        }
    }

    /**
     * A name that reads as an archive: whether a live reading of it (a live volume here, or a live
     * directory above volumes) stands instead. Only if the namespace list names the namespace of a
     * live reading: archives are common and namespaces called {@code archived…} rare, and taking an
     * archived volume for a directory above volumes would also read inside it. A live reading
     * without a namespace can't be named, so the archive wins over it.
     */
    private boolean liveStands(List<Map<String, String>> live, List<Position> below) {
        List<String> namespaces = new ArrayList<>();
        live.forEach(b -> namespaces.add(b.get(PathPattern.NAMESPACE)));
        below.stream().filter(p -> p.form().state() == VolumeState.LIVE)
                .forEach(p -> namespaces.add(p.state().bindings().get(PathPattern.NAMESPACE)));
        return namespaces.stream().anyMatch(n -> n != null && knownNamespaces.contains(n));
    }

    private DiscoveredVolume volume(Path root, Path directory, VolumeState state, List<Map<String, String>> readings,
                                    boolean withheld, String alternativeClaimKey) {
        String pvName = only(readings, PathPattern.PV_NAME);
        List<ClaimName> candidates = withheld ? null : candidates(readings);
        if (candidates == null) {
            return new DiscoveredVolume(root, directory, layout, null, pvName, state, null, List.of(),
                    withheld ? null : alternativeClaimKey);
        }
        String claimKey = candidates.get(0).key();
        return new DiscoveredVolume(root, directory, layout, claimKey, pvName, state,
                candidates.size() == 1 ? candidates.get(0) : null, candidates,
                claimKey.equals(alternativeClaimKey) ? null : alternativeClaimKey);
    }

    /** The claim key all readings agree on, or null. */
    private String claimKey(List<Map<String, String>> readings) {
        List<ClaimName> candidates = candidates(readings);
        return candidates == null ? null : candidates.get(0).key();
    }

    /**
     * The claims the readings name, narrowed to known namespaces when any is known; null when a
     * reading has no namespace or no claim name, or the readings disagree on the claim key.
     */
    private List<ClaimName> candidates(List<Map<String, String>> readings) {
        Set<ClaimName> claims = new LinkedHashSet<>();
        for (Map<String, String> reading : readings) {
            String namespace = reading.get(PathPattern.NAMESPACE);
            String name = reading.get(PathPattern.CLAIM_NAME);
            if (namespace == null || name == null) {
                return null;
            }
            claims.add(new ClaimName(namespace, name));
        }
        if (claims.isEmpty()) {
            return null;
        }
        List<ClaimName> known = claims.stream().filter(c -> knownNamespaces.contains(c.namespace())).toList();
        List<ClaimName> narrowed = known.isEmpty() ? List.copyOf(claims) : known;
        return narrowed.stream().map(ClaimName::key).distinct().count() == 1 ? narrowed : null;
    }

    /** The one value every reading binds to {@code key}, or null. */
    private static String only(List<Map<String, String>> readings, String key) {
        Set<String> values = new LinkedHashSet<>();
        readings.forEach(r -> values.add(r.get(key)));
        return values.size() == 1 ? values.iterator().next() : null;
    }
}
