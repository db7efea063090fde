package org.claimback.drill;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.claimback.restic.TreeNode;

/**
 * Compares a restored tree with the snapshot's listing, one {@link TreeNode} at a time (fed from
 * {@code restic ls}, so a tree of millions of entries is never held in memory). Each listed entry
 * must exist with the same type, owner, permission bits (with setuid, setgid and sticky; not for
 * symlinks, whose mode Linux ignores), and for regular files the same size and mtime to the
 * second. Afterwards {@link #finish()} counts what is on disk, so entries the snapshot does not
 * list are noticed too. Extended attributes and file contents are not compared here (contents
 * were checked by restic while restoring, and by file and byte totals).
 */
public final class TreeCheck implements Consumer<TreeNode> {
    /** How many differing entries a result names. */
    public static final int SHOWN = 5;

    private static final Map<String, Integer> TYPE_BITS = Map.of(
            "file", 0100000, "dir", 0040000, "symlink", 0120000, "dev", 0060000,
            "chardev", 0020000, "fifo", 0010000, "socket", 0140000);

    private final Path root;
    private long listed;
    private long missing;
    private long differing;
    private final List<String> shown = new ArrayList<>();

    /** @param root the directory the snapshot was restored into; restic lists {@code /a} as {@code root/a} */
    public TreeCheck(Path root) {
        this.root = root.toAbsolutePath().normalize();
    }

    @Override
    public void accept(TreeNode node) {
        listed++;
        String problem = compare(node);
        if (problem != null) {
            differ(node.path() + ": " + problem);
        }
    }

    /** Counts the entries on disk and returns what was found. Call once, after the last node. */
    public TreeCheckResult finish() throws IOException {
        long[] onDisk = new long[1];
        Files.walkFileTree(root, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
                if (!dir.equals(root)) {
                    onDisk[0]++;
                }
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                onDisk[0]++;
                return FileVisitResult.CONTINUE;
            }
        });
        long extra = onDisk[0] - (listed - missing);
        if (extra > 0) {
            differ(extra + " entr" + (extra == 1 ? "y" : "ies") + " on disk that the snapshot does not list");
        }
        return new TreeCheckResult(listed, differing, List.copyOf(shown));
    }

    private void differ(String text) {
        differing++;
        if (shown.size() < SHOWN) {
            shown.add(text);
        }
    }

    private String compare(TreeNode node) {
        if (!node.path().startsWith("/") || node.path().length() == 1) {
            return "restic listed a path that is not inside the snapshot's tree";
        }
        Path path = root.resolve(node.path().substring(1)).normalize();
        if (!path.startsWith(root) || path.equals(root)) {
            return "restic listed a path that is not inside the snapshot's tree";
        }
        Map<String, Object> a;
        try {
            a = Files.readAttributes(path, "unix:mode,uid,gid,size,lastModifiedTime", LinkOption.NOFOLLOW_LINKS);
        } catch (NoSuchFileException e) {
            missing++;
            return "missing";
        } catch (IOException e) {
            return "cannot read its attributes: " + e.getMessage();
        }
        int mode = (Integer) a.get("mode");
        List<String> problems = new ArrayList<>();
        Integer expectedType = TYPE_BITS.get(node.type());
        if (expectedType != null && (mode & 0170000) != expectedType) {
            problems.add("is a " + typeName(mode & 0170000) + ", the snapshot has a " + node.type());
            return String.join("; ", problems); // nothing else compares across types
        }
        int uid = (Integer) a.get("uid");
        int gid = (Integer) a.get("gid");
        if (uid != node.uid() || gid != node.gid()) {
            problems.add("owner " + uid + ":" + gid + ", the snapshot has " + node.uid() + ":" + node.gid());
        }
        if (!"symlink".equals(node.type()) && (mode & 07777) != node.mode()) {
            problems.add(String.format("mode %04o, the snapshot has %04o", mode & 07777, node.mode()));
        }
        if (node.regularFile()) {
            long size = (Long) a.get("size");
            if (size != node.size()) {
                problems.add(size + " bytes, the snapshot has " + node.size());
            }
            Instant mtime = ((FileTime) a.get("lastModifiedTime")).toInstant();
            if (node.mtime() != null && mtime.getEpochSecond() != node.mtime().getEpochSecond()) {
                problems.add("modified " + mtime.truncatedTo(java.time.temporal.ChronoUnit.SECONDS) + ", the snapshot has " + node.mtime().truncatedTo(java.time.temporal.ChronoUnit.SECONDS));
            }
        }
        return problems.isEmpty() ? null : String.join("; ", problems);
    }

    private static String typeName(int typeBits) {
        return TYPE_BITS.entrySet().stream().filter(e -> e.getValue() == typeBits).map(Map.Entry::getKey).findFirst()
                .orElse("special file");
    }
}
