package org.claimback.testing;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real btrfs filesystem for a test: an image file in a directory, attached to a loop device
 * ({@code losetup -f --show}), formatted ({@code mkfs.btrfs -q}), mounted at {@code DIR/mnt}, with a
 * subvolume {@code export} in it ({@link #export()}). Needs root, loop devices and btrfs-progs, and
 * fails loudly (never skips) without them. Always close it (try-with-resources or an after-method):
 * {@link #close} unmounts (retrying, lazily as a last resort), detaches the device and deletes the
 * image. 256 MiB is enough; btrfs refuses less than 114 MiB.
 */
public final class LoopBtrfs implements AutoCloseable {
    private final Path image;
    private final Path mountPoint;
    private String device;
    private boolean mounted;

    private LoopBtrfs(Path image, Path mountPoint) {
        this.image = image;
        this.mountPoint = mountPoint;
    }

    /** A fresh btrfs of {@code megabytes} MiB mounted at {@code dir/mnt}, with the subvolume {@code dir/mnt/export}. */
    public static LoopBtrfs create(Path dir, long megabytes) throws IOException {
        LoopBtrfs fs = new LoopBtrfs(dir.resolve("btrfs.img"), dir.resolve("mnt"));
        try {
            fs.setUp(megabytes);
            return fs;
        } catch (IOException | RuntimeException | Error e) {
            try {
                fs.close();
            } catch (IOException | RuntimeException cleanup) {
                e.addSuppressed(cleanup);
            }
            throw e;
        }
    }

    private void setUp(long megabytes) throws IOException {
        if (!Files.exists(Path.of("/dev/loop-control"))) {
            throw new IllegalStateException("no /dev/loop-control: these tests need loop devices (run as root on a machine"
                    + " or container with access to /dev/loop*)");
        }
        try (FileChannel file = FileChannel.open(image, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            file.position(megabytes * 1024 * 1024 - 1).write(ByteBuffer.wrap(new byte[1])); // sparse
        }
        device = run("losetup", "-f", "--show", image.toString()).strip();
        run("mkfs.btrfs", "-q", device);
        Files.createDirectories(mountPoint);
        run("mount", "-t", "btrfs", device, mountPoint.toString());
        mounted = true;
        run("btrfs", "subvolume", "create", export().toString());
    }

    /** Where the filesystem is mounted (its top-level subvolume). */
    public Path mountPoint() {
        return mountPoint;
    }

    /** The subvolume {@code export} right under the mount point. */
    public Path export() {
        return mountPoint.resolve("export");
    }

    /** Creates the subvolume {@code name} right under the mount point, for a test of its own. */
    public Path newSubvolume(String name) throws IOException {
        Path subvolume = mountPoint.resolve(name);
        run("btrfs", "subvolume", "create", subvolume.toString());
        return subvolume;
    }

    /** The loop device, e.g. {@code /dev/loop3}. */
    public String device() {
        return device;
    }

    /** Unmounts (up to 5 tries, then lazily), detaches the loop device and deletes the image. */
    @Override
    public void close() throws IOException {
        List<String> problems = new ArrayList<>();
        if (mounted) {
            boolean done = false;
            for (int attempt = 0; attempt < 5 && !done; attempt++) {
                done = tryRun("umount", mountPoint.toString()) == null;
                if (!done) {
                    sleep(200);
                }
            }
            if (!done) {
                String lazy = tryRun("umount", "-l", mountPoint.toString());
                if (lazy != null) {
                    problems.add(lazy);
                }
            }
            mounted = false;
        }
        if (device != null) {
            String detach = tryRun("losetup", "-d", device);
            if (detach != null) {
                problems.add(detach);
            }
            device = null;
        }
        Files.deleteIfExists(image);
        if (!problems.isEmpty()) {
            throw new IOException("cleaning up the loop btrfs at " + mountPoint + " failed: " + String.join("; ", problems));
        }
    }

    /** Runs a command; its output, or IllegalStateException with the command, exit code and output. */
    static String run(String... command) throws IOException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        int exit;
        try {
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException(String.join(" ", command) + " did not finish within 60 s");
            }
            exit = process.exitValue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted: " + String.join(" ", command), e);
        }
        if (exit != 0) {
            String hint = command[0].equals("losetup") && command.length > 1 && command[1].equals("-f")
                    ? " (no free loop device? `losetup -a` lists them; unmount and `losetup -d` those left by killed test runs)"
                    : "";
            throw new IllegalStateException(String.join(" ", command) + " exited " + exit + ": " + output.strip() + hint);
        }
        return output;
    }

    /** Like {@link #run} but returns the failure's message instead of throwing; null when it succeeded. */
    private static String tryRun(String... command) {
        try {
            run(command);
            return null;
        } catch (IOException | RuntimeException e) {
            return e.getMessage();
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
