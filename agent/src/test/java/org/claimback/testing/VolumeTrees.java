package org.claimback.testing;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserDefinedFileAttributeView;
import java.util.Random;

/** Builds realistic volume contents for real, on disk, as root. */
public final class VolumeTrees {
    private VolumeTrees() {}

    /**
     * Files of several sizes (empty to 3 MiB), nested directories, a file owned by 1000:1000 with
     * mode 0600, a directory owned by 999:999 with mode 0700, a symlink (relative) and a dangling
     * one, a hardlink pair, a user xattr, names with spaces and UTF-8, an old mtime.
     */
    public static Path realistic(Path dir, long seed) throws IOException {
        Files.createDirectories(dir);
        Random random = new Random(seed);
        write(dir.resolve("empty"), new byte[0]);
        write(dir.resolve("small.txt"), ("hello from " + seed + "\n").getBytes(StandardCharsets.UTF_8));
        write(dir.resolve("data/nested/deeper/blob.bin"), bytes(random, 3 * 1024 * 1024 + 17));
        write(dir.resolve("data/medium.bin"), bytes(random, 200_000));
        write(dir.resolve("config with spaces.yaml"), "key: value\n".getBytes(StandardCharsets.UTF_8));
        write(dir.resolve("données/élève – ünïcödé ✓.txt"), "utf-8 name\n".getBytes(StandardCharsets.UTF_8));
        Path secret = dir.resolve("secrets/app.key");
        write(secret, bytes(random, 4096));
        chown(secret, 1000, 1000);
        Files.setPosixFilePermissions(secret, PosixFilePermissions.fromString("rw-------"));
        Path pgdata = dir.resolve("pgdata");
        Files.createDirectories(pgdata);
        write(pgdata.resolve("PG_VERSION"), "16\n".getBytes(StandardCharsets.UTF_8));
        chown(pgdata.resolve("PG_VERSION"), 999, 999);
        chown(pgdata, 999, 999);
        Files.setPosixFilePermissions(pgdata, PosixFilePermissions.fromString("rwx------"));
        Files.createSymbolicLink(dir.resolve("current"), Path.of("data/medium.bin"));
        Files.createSymbolicLink(dir.resolve("dangling"), Path.of("does/not/exist"));
        Files.createLink(dir.resolve("data/hardlink-b"), dir.resolve("data/medium.bin"));
        UserDefinedFileAttributeView xattrs = Files.getFileAttributeView(dir.resolve("small.txt"), UserDefinedFileAttributeView.class);
        xattrs.write("claimback.test", ByteBuffer.wrap(("xattr-" + seed).getBytes(StandardCharsets.UTF_8)));
        Files.setLastModifiedTime(dir.resolve("config with spaces.yaml"), FileTime.fromMillis(946_684_800_000L));
        return dir;
    }

    public static void write(Path file, byte[] content) throws IOException {
        Files.createDirectories(file.getParent());
        Files.write(file, content);
    }

    public static byte[] bytes(Random random, int size) {
        byte[] b = new byte[size];
        random.nextBytes(b);
        return b;
    }

    public static void chown(Path path, int uid, int gid) throws IOException {
        Files.setAttribute(path, "unix:uid", uid, LinkOption.NOFOLLOW_LINKS);
        Files.setAttribute(path, "unix:gid", gid, LinkOption.NOFOLLOW_LINKS);
    }
}
