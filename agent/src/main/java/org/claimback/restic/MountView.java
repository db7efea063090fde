package org.claimback.restic;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * What restic sees at a volume's own path while it backs it up, when that is not simply the live
 * directory: restic then runs in a private mount namespace ({@code unshare --mount --propagation
 * private}) where each {@link Bind} is bind-mounted over its target, and {@code excludes} leaves
 * further paths out. Nothing is mounted outside that namespace, and it ends with restic.
 *
 * <p>Backing up a filesystem snapshot or a consistent database copy at the volume's own path keeps
 * the snapshot's recorded path the volume's, so restic finds the same parent as for a live backup
 * (its parent is chosen by host and path) and restores land exactly as before. A btrfs snapshot
 * keeps inode numbers and ctimes, so unchanged files stay unchanged for restic.
 *
 * @param binds    mounted in order: a directory over the volume first, then files over files in it
 * @param excludes absolute paths restic leaves out (e.g. a database's {@code -wal} beside its consistent copy)
 */
public record MountView(List<Bind> binds, List<Path> excludes) {
    /** The live directory, as it is. */
    public static final MountView LIVE = new MountView(List.of(), List.of());

    /** {@code source} (a directory or a file) appears at {@code target}, which must exist and be of the same kind. */
    public record Bind(Path source, Path target) {}

    private static final String SCRIPT = String.join("\n",
            "dir=$1; shift",
            "while [ \"$1\" != -- ]; do",
            "  mount --bind \"$1\" \"$2\" || { echo \"claimback: cannot bind $1 over $2\" >&2; exit 97; }",
            "  shift 2",
            "done",
            "shift",
            "cd \"$dir\" || exit 97",
            "exec \"$@\"");

    public MountView {
        binds = List.copyOf(binds);
        excludes = List.copyOf(excludes);
    }

    /** True when restic reads the live directory without a namespace. */
    public boolean live() {
        return binds.isEmpty() && excludes.isEmpty();
    }

    /** The command restic runs under for a backup of {@code directory}; empty when {@link #live()} without binds. */
    List<String> wrapper(Path directory) {
        if (binds.isEmpty()) {
            return List.of();
        }
        List<String> args = new ArrayList<>(List.of("unshare", "--mount", "--propagation", "private", "/bin/sh", "-c", SCRIPT,
                "claimback-view", directory.toString()));
        for (Bind bind : binds) {
            args.add(bind.source().toString());
            args.add(bind.target().toString());
        }
        args.add("--");
        return List.copyOf(args);
    }

    /** restic's {@code --exclude} pattern matching exactly this path (glob characters escaped). */
    static String excludePattern(Path path) {
        StringBuilder pattern = new StringBuilder();
        for (char c : path.toString().toCharArray()) {
            if (c == '*' || c == '?' || c == '[' || c == ']' || c == '\\') {
                pattern.append('\\');
            }
            pattern.append(c);
        }
        return pattern.toString();
    }
}
