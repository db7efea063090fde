package org.claimback.fingerprint;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserDefinedFileAttributeView;
import java.time.temporal.ChronoUnit;
import org.claimback.testing.VolumeTrees;

/**
 * Every kind of change restic notices, each applied to the small tree {@link #writeBase} makes.
 * The fingerprint must see each one; the backup engine must never skip a volume after one.
 */
public enum VolumeChange {
    SAME_SIZE_CONTENT_WITH_MTIME_RESTORED(v -> {
        FileTime mtime = Files.getLastModifiedTime(v.resolve("a.txt"));
        Files.writeString(v.resolve("a.txt"), "HELLO WORLD");
        Files.setLastModifiedTime(v.resolve("a.txt"), mtime); // as touch -d would
    }),
    CHMOD(v -> Files.setPosixFilePermissions(v.resolve("a.txt"), PosixFilePermissions.fromString("rw-r-----"))),
    SETGID_BIT(v -> Files.setAttribute(v.resolve("d1"), "unix:mode", 02755, LinkOption.NOFOLLOW_LINKS)),
    CHOWN(v -> VolumeTrees.chown(v.resolve("a.txt"), 1234, 1234)),
    XATTR_SET(v -> Files.getFileAttributeView(v.resolve("a.txt"), UserDefinedFileAttributeView.class)
            .write("user.claimback-test", ByteBuffer.wrap("x".getBytes(StandardCharsets.UTF_8)))),
    RENAME(v -> Files.move(v.resolve("a.txt"), v.resolve("c.txt"))),
    NEW_EMPTY_FILE(v -> Files.createFile(v.resolve("new-empty"))),
    DELETE(v -> Files.delete(v.resolve("b.bin"))),
    HARDLINK_ADDED(v -> Files.createLink(v.resolve("hard"), v.resolve("a.txt"))),
    SYMLINK_RETARGETED(v -> {
        Files.delete(v.resolve("link"));
        Files.createSymbolicLink(v.resolve("link"), Path.of("b.bin"));
    }),
    MTIME_ONLY(v -> Files.setLastModifiedTime(v.resolve("a.txt"),
            FileTime.from(Files.getLastModifiedTime(v.resolve("a.txt")).toInstant().minus(1, ChronoUnit.HOURS)))),
    FILE_IN_A_DEEP_DIRECTORY(v -> Files.writeString(v.resolve("d1/d2/d3/d4/deep.txt"), "deeper")),
    ROOT_DIRECTORY_MODE(v -> Files.setPosixFilePermissions(v, PosixFilePermissions.fromString("rwxr-x---")));

    /** Changes a volume directory. */
    public interface Action {
        void apply(Path volume) throws IOException;
    }

    private final Action action;

    VolumeChange(Action action) {
        this.action = action;
    }

    public void applyTo(Path volume) throws IOException {
        action.apply(volume);
    }

    /** The tree every change starts from: a few files, a symlink, and a file four directories deep. */
    public static void writeBase(Path volume) throws IOException {
        VolumeTrees.write(volume.resolve("a.txt"), "hello world".getBytes(StandardCharsets.UTF_8));
        VolumeTrees.write(volume.resolve("b.bin"), "0123456789".getBytes(StandardCharsets.UTF_8));
        VolumeTrees.write(volume.resolve("d1/d2/d3/d4/deep.txt"), "deep".getBytes(StandardCharsets.UTF_8));
        VolumeTrees.write(volume.resolve("big.dat"), new byte[20_000]);
        Files.createSymbolicLink(volume.resolve("link"), Path.of("a.txt"));
    }
}
