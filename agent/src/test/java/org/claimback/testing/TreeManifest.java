package org.claimback.testing;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.UserDefinedFileAttributeView;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Every entry below a directory (and the directory's own mode and owner, as {@code .}) with what a restore must keep: type, mode, owner, mtime (ms),
 * size, SHA-256, symlink target, hardlink group and user xattrs. Two manifests are compared with
 * {@link #differences}, which names each difference so a failing test says what broke.
 */
public record TreeManifest(Map<String, Entry> entries) {

    public record Entry(String type, int mode, int uid, int gid, long mtimeMillis, long size, String sha256,
            String linkTarget, String hardlinkGroup, Map<String, String> xattrs) {}

    public static TreeManifest of(Path root) throws IOException {
        Map<String, Entry> entries = new TreeMap<>();
        Map<Object, String> firstPathByInode = new TreeMap<>((a, b) -> a.toString().compareTo(b.toString()));
        List<Path> paths = new ArrayList<>();
        Files.walkFileTree(root, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
                if (!dir.equals(root)) {
                    paths.add(dir);
                }
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                paths.add(file);
                return FileVisitResult.CONTINUE;
            }
        });
        paths.sort(null);
        Map<String, Object> top = Files.readAttributes(root, "unix:mode,uid,gid", LinkOption.NOFOLLOW_LINKS);
        entries.put(".", new Entry("dir", ((Integer) top.get("mode")) & 07777, (Integer) top.get("uid"),
                (Integer) top.get("gid"), 0, 0, null, null, null, Map.of()));
        for (Path p : paths) {
            String rel = root.relativize(p).toString();
            Map<String, Object> a = Files.readAttributes(p, "unix:*", LinkOption.NOFOLLOW_LINKS);
            boolean link = (Boolean) a.get("isSymbolicLink");
            boolean dir = (Boolean) a.get("isDirectory");
            boolean regular = (Boolean) a.get("isRegularFile");
            String type = link ? "symlink" : dir ? "dir" : regular ? "file" : "other";
            String group = null;
            if (regular && (Integer) a.get("nlink") > 1) {
                group = firstPathByInode.computeIfAbsent(a.get("ino"), k -> rel);
            }
            entries.put(rel, new Entry(type, ((Integer) a.get("mode")) & 07777, (Integer) a.get("uid"), (Integer) a.get("gid"),
                    link ? 0 : ((java.nio.file.attribute.FileTime) a.get("lastModifiedTime")).toMillis(),
                    regular ? (Long) a.get("size") : 0, regular ? sha256(p) : null,
                    link ? Files.readSymbolicLink(p).toString() : null, group, link ? Map.of() : xattrs(p)));
        }
        return new TreeManifest(entries);
    }

    /** Human-readable differences, empty when the trees match. */
    public List<String> differences(TreeManifest other) {
        List<String> diffs = new ArrayList<>();
        for (String path : entries.keySet()) {
            if (!other.entries.containsKey(path)) {
                diffs.add("missing: " + path);
            }
        }
        for (String path : other.entries.keySet()) {
            if (!entries.containsKey(path)) {
                diffs.add("extra: " + path);
            }
        }
        for (Map.Entry<String, Entry> e : entries.entrySet()) {
            Entry theirs = other.entries.get(e.getKey());
            if (theirs != null && !Objects.equals(e.getValue(), theirs)) {
                diffs.add(e.getKey() + ": expected " + e.getValue() + " but found " + theirs);
            }
        }
        return diffs;
    }

    private static String sha256(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            byte[] buffer = new byte[65536];
            for (int n; (n = in.read(buffer)) > 0; ) {
                digest.update(buffer, 0, n);
            }
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Map<String, String> xattrs(Path p) throws IOException {
        UserDefinedFileAttributeView view = Files.getFileAttributeView(p, UserDefinedFileAttributeView.class, LinkOption.NOFOLLOW_LINKS);
        Map<String, String> values = new TreeMap<>();
        for (String name : view.list()) {
            ByteBuffer buffer = ByteBuffer.allocate(view.size(name));
            view.read(name, buffer);
            buffer.flip();
            values.put(name, StandardCharsets.UTF_8.decode(buffer).toString());
        }
        return values;
    }
}
