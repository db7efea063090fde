package org.claimback.fingerprint;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Scans a volume directory into a {@link Fingerprint} (see the package documentation for what
 * goes in). Reads attributes only; costs one {@code lstat} per entry and one directory listing per
 * directory.
 */
public final class VolumeScan {
    /** The attributes read per entry; {@code unix:*} minus the access time. */
    private static final String ATTRIBUTES = "unix:mode,ino,rdev,nlink,uid,gid,size,lastModifiedTime,ctime";
    private static final int S_IFMT = 0170000;
    private static final int S_IFDIR = 0040000;
    private static final int S_IFREG = 0100000;
    private static final int S_IFLNK = 0120000;

    private VolumeScan() {}

    /** Scans {@code root}, which must be a directory; an entry that vanishes mid-scan fails it (the caller backs up anyway). */
    public static Fingerprint of(Path root) throws IOException {
        Walk walk = new Walk(root);
        walk.entry(root, "");
        return new Fingerprint(HexFormat.of().formatHex(walk.digest.digest()), walk.entries, walk.bytes);
    }

    private static final class Walk {
        private final Path root;
        private final MessageDigest digest;
        private final ByteArrayOutputStream buffer = new ByteArrayOutputStream(256);
        private final DataOutputStream out = new DataOutputStream(buffer);
        private long entries;
        private long bytes;

        Walk(Path root) {
            this.root = root;
            try {
                this.digest = MessageDigest.getInstance("SHA-256");
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException("this Java has no SHA-256", e);
            }
        }

        void entry(Path path, String relative) throws IOException {
            Map<String, Object> a = Files.readAttributes(path, ATTRIBUTES, LinkOption.NOFOLLOW_LINKS);
            int mode = (Integer) a.get("mode");
            int type = mode & S_IFMT;
            long size = (Long) a.get("size");
            buffer.reset();
            out.write(relative.getBytes(StandardCharsets.UTF_8));
            out.writeByte(0);
            out.writeInt(mode); // type and every permission bit, setuid/setgid/sticky included
            out.writeLong(size);
            out.writeLong(nanos(a.get("lastModifiedTime")));
            out.writeLong(nanos(a.get("ctime")));
            out.writeLong((Long) a.get("ino"));
            out.writeLong((Long) a.get("rdev"));
            out.writeInt((Integer) a.get("nlink"));
            out.writeInt((Integer) a.get("uid"));
            out.writeInt((Integer) a.get("gid"));
            if (type == S_IFLNK) {
                out.write(Files.readSymbolicLink(path).toString().getBytes(StandardCharsets.UTF_8));
            }
            out.writeByte(0);
            out.flush();
            digest.update(buffer.toByteArray());
            entries++;
            if (type == S_IFREG) {
                bytes += size;
            }
            if (type == S_IFDIR) {
                for (String name : sortedNames(path)) {
                    entry(path.resolve(name), relative.isEmpty() ? name : relative + "/" + name);
                }
            }
        }

        private static List<String> sortedNames(Path dir) throws IOException {
            List<String> names = new ArrayList<>();
            try (DirectoryStream<Path> children = Files.newDirectoryStream(dir)) {
                for (Path child : children) {
                    names.add(child.getFileName().toString());
                }
            }
            names.sort(null);
            return names;
        }

        private static long nanos(Object time) {
            return ((FileTime) time).to(TimeUnit.NANOSECONDS);
        }

        @Override
        public String toString() {
            return "scan of " + root;
        }
    }
}
