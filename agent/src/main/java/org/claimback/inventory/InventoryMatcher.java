package org.claimback.inventory;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.claimback.inventory.PvMatch.Outcome;

/**
 * Finds the directory of each PV of an inventory on this server, under the export roots. The rules
 * are in the package documentation; they look at the PV and at the disk (one {@code lstat} per
 * candidate directory), never follow a symlink to a directory, and never match one PV to
 * directories under two export roots.
 */
public final class InventoryMatcher {

    private final List<Path> roots;
    /** The roots that are directories (a symlinked root is followed, as discovery does): looked at once. */
    private final Set<Path> directoryRoots;
    private final Set<String> serverNames;

    /** A matcher for these export roots that takes every NFS server name for this server's. */
    public InventoryMatcher(List<Path> exportRoots) {
        this(exportRoots, Set.of());
    }

    /**
     * @param exportRoots the export roots of this server; looked at once, here
     * @param serverNames the names and addresses NFS clients use for this server (case does not
     *                    matter); PVs of other servers are skipped. Empty: every server is this one.
     */
    public InventoryMatcher(List<Path> exportRoots, Set<String> serverNames) {
        Set<Path> distinct = new LinkedHashSet<>();
        for (Path root : exportRoots) {
            distinct.add(root.toAbsolutePath().normalize());
        }
        // Deepest first, so that of nested roots the one nearest the directory is named.
        this.roots = distinct.stream()
                .sorted(Comparator.comparingInt(Path::getNameCount).reversed().thenComparing(Path::toString))
                .toList();
        this.directoryRoots = roots.stream().filter(root -> root.toFile().isDirectory()).collect(Collectors.toSet());
        this.serverNames = serverNames.stream().map(s -> s.toLowerCase(Locale.ROOT)).collect(Collectors.toSet());
    }

    /** Matches every PV of the inventory, in its order. */
    public MatchReport matchAll(Inventory inventory) {
        return matchAll(inventory.pvs());
    }

    public MatchReport matchAll(List<PvEntry> pvs) {
        List<PvMatch> matches = new ArrayList<>(pvs.size());
        for (PvEntry pv : pvs) {
            matches.add(match(pv));
        }
        return MatchReport.of(matches);
    }

    /** Where {@code pv}'s directory is on this server, or why it is not found. */
    public PvMatch match(PvEntry pv) {
        Objects.requireNonNull(pv, "pv");
        Optional<ServerPath> found = ServerPath.of(pv);
        if (found.isEmpty()) {
            return new PvMatch(pv, Outcome.SKIPPED, null, null, null, false, ServerPath.whyNot(pv));
        }
        ServerPath at = found.get();
        if (!serverNames.isEmpty() && at.server() != null
                && !serverNames.contains(at.server().toLowerCase(Locale.ROOT))) {
            return new PvMatch(pv, Outcome.SKIPPED, at, null, null, false, "NFS server " + at.server()
                    + " is not this server");
        }
        String what = at.from() + " " + at.path();
        List<String> segments = segments(at.path());
        if (segments == null) {
            return new PvMatch(pv, Outcome.NOT_FOUND, at, null, null, false, what + " has a '..' in it: not followed");
        }
        if (at.path().startsWith("/")) {
            Path absolute = Path.of("/").resolve(String.join("/", segments));
            for (Path root : roots) {
                if (absolute.startsWith(root)) {
                    String how = absolute.equals(root) ? " is export root " + root + " itself"
                            : " is under export root " + root;
                    boolean exists = isDirectoryUnder(root, segments.subList(root.getNameCount(), segments.size()));
                    return new PvMatch(pv, Outcome.MATCHED, at, root, absolute, exists, what + how);
                }
            }
        }
        Map<Path, Candidate> candidates = new LinkedHashMap<>();
        for (Path root : roots) {
            Candidate candidate = relative(root, segments);
            if (candidate != null) {
                candidates.putIfAbsent(candidate.directory(), candidate); // deepest root first
            }
        }
        if (candidates.size() == 1) {
            Candidate only = candidates.values().iterator().next();
            return new PvMatch(pv, Outcome.MATCHED, at, only.root(), only.directory(), true, what + only.how());
        }
        if (candidates.size() > 1) {
            return new PvMatch(pv, Outcome.AMBIGUOUS, at, null, null, false, what + " fits "
                    + candidates.keySet().stream().map(Path::toString).collect(Collectors.joining(" and "))
                    + ", under different export roots: not guessed; map it by hand");
        }
        return new PvMatch(pv, Outcome.NOT_FOUND, at, null, null, false, what + " is under no export root ("
                + roots.stream().map(Path::toString).collect(Collectors.joining(", "))
                + ") and no part of it is a directory under one");
    }

    private record Candidate(Path root, Path directory, String how) {
    }

    /**
     * The directory of a path the server names relative to something else than its own root (an
     * NFSv4 pseudo-root, a bind mount): first the root's last names overlapping the path's first
     * ones, longest overlap first; then the path's trailing parts, longest first. The first that is
     * a directory, or null.
     */
    private Candidate relative(Path root, List<String> segments) {
        int names = root.getNameCount();
        int n = segments.size();
        for (int k = Math.min(names, n); k >= 1; k--) {
            if (endsWith(root, segments.subList(0, k)) && isDirectoryUnder(root, segments.subList(k, n))) {
                return new Candidate(root, resolve(root, segments.subList(k, n)),
                        " is relative to an NFSv4 pseudo-root: export root " + root + " ends in /"
                        + String.join("/", segments.subList(0, k)));
            }
        }
        for (int j = 0; j < n; j++) {
            if (isDirectoryUnder(root, segments.subList(j, n))) {
                return new Candidate(root, resolve(root, segments.subList(j, n)), ": its trailing part " + String.join("/", segments.subList(j, n))
                        + " is a directory under export root " + root);
            }
        }
        return null;
    }

    private static boolean endsWith(Path root, List<String> head) {
        int names = root.getNameCount();
        for (int i = 0; i < head.size(); i++) {
            if (!root.getName(names - head.size() + i).toString().equals(head.get(i))) {
                return false;
            }
        }
        return true;
    }

    private static Path resolve(Path root, List<String> tail) {
        return tail.isEmpty() ? root : root.resolve(String.join("/", tail));
    }

    /** The names of a server path, without empty ones and '.'; null when one is '..'. */
    static List<String> segments(String path) {
        List<String> segments = new ArrayList<>();
        for (String segment : path.split("/")) {
            if (segment.equals("..")) {
                return null;
            }
            if (!segment.isEmpty() && !segment.equals(".")) {
                segments.add(segment);
            }
        }
        return segments;
    }

    /**
     * True when {@code root/names...} is a directory reached without following a symlink below the
     * root (the root itself may be one, as in discovery).
     */
    private boolean isDirectoryUnder(Path root, List<String> names) {
        if (!directoryRoots.contains(root)) {
            return false;
        }
        Path path = root;
        for (String name : names) {
            path = path.resolve(name);
            // File.isDirectory first: a missing path costs no exception; then no symlink on the way.
            if (!path.toFile().isDirectory() || Files.isSymbolicLink(path)) {
                return false;
            }
        }
        return true;
    }
}
