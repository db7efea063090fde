package org.claimback.fssnapshot;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Read-only btrfs snapshots of the subvolume holding an export, made and removed with the
 * {@code btrfs} program. Snapshots live in {@code SUBVOLUME/.claimback-snapshots/}, named after the
 * process that made them ({@link SnapshotName}), so {@link #removeLeftovers} can tell a dead
 * process's snapshots from a live one's. Safe to share between threads.
 */
public final class BtrfsSnapshots {
    /** Snapshots go to {@code SUBVOLUME/.claimback-snapshots/} (a hidden directory, mode 0700: discovery skips names starting with '.'). */
    public static final String DIRECTORY = ".claimback-snapshots";

    private static final Logger LOG = LoggerFactory.getLogger(BtrfsSnapshots.class);
    private static final String BTRFS = "btrfs";
    /** A btrfs subvolume's root directory always has this inode number (BTRFS_FIRST_FREE_OBJECTID). */
    private static final long SUBVOLUME_ROOT_INODE = 256;
    private static final AtomicLong COUNTER = new AtomicLong();

    private final BtrfsCommand btrfs;
    private final Optional<SnapshotOwner> owner;
    private final Clock clock;

    /** Runs the {@code btrfs} found on PATH; snapshots are named after this process. */
    public BtrfsSnapshots() {
        this(BTRFS, null);
    }

    /**
     * For tests: {@code binary} instead of {@code btrfs}, and snapshots named after {@code owner}
     * instead of this process (null: this process).
     */
    BtrfsSnapshots(String binary, SnapshotOwner owner) {
        this.btrfs = new BtrfsCommand(Objects.requireNonNull(binary, "binary"), BtrfsCommand.TIMEOUT);
        this.owner = Optional.ofNullable(owner);
        this.clock = Clock.systemUTC();
    }

    /**
     * The root of the btrfs subvolume holding {@code dir}, symlinks resolved: walk up while the
     * device number stays the same, to the directory with inode 256. FsSnapshotException when
     * {@code dir} is missing, not on btrfs, or in a subvolume whose root is not visible here.
     */
    public Path subvolumeOf(Path dir) throws FsSnapshotException {
        Path real;
        String type;
        try {
            real = dir.toRealPath();
            type = Files.getFileStore(real).type();
        } catch (NoSuchFileException e) {
            throw new FsSnapshotException(dir + " does not exist: create it, or fix exports[].path");
        } catch (IOException e) {
            throw new FsSnapshotException("cannot find the filesystem of " + dir + " (" + e + "): run claimback as root", e);
        }
        if (!"btrfs".equals(type)) {
            throw new FsSnapshotException(dir + " is on " + type + ", not btrfs: set snapshot: none or move the export to a btrfs filesystem");
        }
        Object device = attribute(real, "unix:dev");
        for (Path current = real;;) {
            if (((Number) attribute(current, "unix:ino")).longValue() == SUBVOLUME_ROOT_INODE) {
                return current;
            }
            Path parent = current.getParent();
            if (parent == null || !device.equals(attribute(parent, "unix:dev"))) {
                throw new FsSnapshotException(dir + " is on btrfs, but the root of its subvolume is not visible here (" + current
                        + " is mounted from inside it): mount the subvolume itself (subvol=), or set snapshot: none");
            }
            current = parent;
        }
    }

    /**
     * {@code btrfs subvolume snapshot -r SUBVOLUME SUBVOLUME/.claimback-snapshots/NAME}, creating
     * the directory (mode 0700) when missing. NAME carries this process's identity, a UTC
     * timestamp and a counter. FsSnapshotException with btrfs's own message when it fails, or when
     * btrfs is not installed.
     */
    public FsSnapshot create(Path subvolume) throws FsSnapshotException {
        requireSubvolumeRoot(subvolume);
        Path directory = snapshotDirectory(subvolume);
        SnapshotOwner me = owner.isPresent() ? owner.get() : SnapshotOwner.current();
        String name = new SnapshotName(clock.instant(), me, COUNTER.incrementAndGet()).format();
        Path path = directory.resolve(name);
        btrfs.run("cannot snapshot " + subvolume, "the agent must run as root and " + subvolume
                + " must be a btrfs subvolume with free space; or set snapshot: none", "subvolume", "snapshot", "-r",
                subvolume.toString(), path.toString());
        LOG.info("btrfs snapshot {} of {} created", path, subvolume);
        return new FsSnapshot(subvolume, path);
    }

    /**
     * {@code btrfs subvolume delete} of the snapshot; nothing when it is gone already. Refuses
     * (FsSnapshotException) any path that is not a snapshot name directly inside the
     * subvolume's {@link #DIRECTORY}.
     */
    public void delete(FsSnapshot snapshot) throws FsSnapshotException {
        Path path = snapshot.path();
        Path parent = path.getParent();
        boolean ours = path.isAbsolute() && path.normalize().equals(path) && parent != null
                && parent.getFileName() != null && parent.getFileName().toString().equals(DIRECTORY)
                && parent.getParent() != null && parent.getParent().equals(snapshot.subvolume().toAbsolutePath().normalize())
                && SnapshotName.parse(path.getFileName().toString()).isPresent();
        if (!ours) {
            throw new FsSnapshotException("refusing to delete " + path + ": claimback deletes only its own snapshots, directly in "
                    + snapshot.subvolume().resolve(DIRECTORY) + " (a bug in claimback: please report it)");
        }
        if (!Files.isDirectory(parent, LinkOption.NOFOLLOW_LINKS)) {
            if (Files.exists(parent, LinkOption.NOFOLLOW_LINKS)) {
                throw new FsSnapshotException("refusing to delete " + path + ": " + parent + " is not a directory: remove it by hand");
            }
            return;
        }
        if (!Files.exists(path, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        btrfs.run("cannot delete the snapshot " + path, "delete it by hand with `btrfs subvolume delete " + path + "` as root",
                "subvolume", "delete", path.toString());
        LOG.info("btrfs snapshot {} deleted", path);
    }

    /**
     * Deletes the snapshots in {@code SUBVOLUME/.claimback-snapshots} whose process is gone (pid
     * not running, or running as another process, or from an earlier boot); keeps a live
     * process's, and names claimback did not give. Returns the paths removed. When some cannot be
     * deleted, the others still are and the exception names the first failure.
     */
    public List<Path> removeLeftovers(Path subvolume) throws FsSnapshotException {
        Path directory = subvolume.resolve(DIRECTORY);
        if (!Files.isDirectory(directory, LinkOption.NOFOLLOW_LINKS)) {
            return List.of();
        }
        List<Path> removed = new ArrayList<>();
        List<FsSnapshotException> failures = new ArrayList<>();
        for (Path entry : entries(directory)) {
            Optional<SnapshotName> name = SnapshotName.parse(entry.getFileName().toString());
            if (name.isEmpty() || !name.get().owner().isGone()) {
                continue;
            }
            try {
                delete(new FsSnapshot(subvolume, entry));
                removed.add(entry);
                LOG.info("removed {}, left by process {} which no longer runs", entry, name.get().owner().pid());
            } catch (FsSnapshotException e) {
                failures.add(e);
            }
        }
        if (!failures.isEmpty()) {
            throw new FsSnapshotException(failures.get(0).getMessage() + (failures.size() == 1 ? ""
                    : " (and " + (failures.size() - 1) + " more leftover snapshot(s) in " + directory + ")"), failures.get(0));
        }
        return List.copyOf(removed);
    }

    /** Refuses anything but the root of a btrfs subvolume, so nothing is created inside a volume by mistake. */
    private static void requireSubvolumeRoot(Path subvolume) throws FsSnapshotException {
        if (!subvolume.isAbsolute()) {
            throw new IllegalArgumentException("subvolume must be an absolute path: " + subvolume);
        }
        try {
            String type = Files.getFileStore(subvolume).type();
            if (!"btrfs".equals(type)) {
                throw new FsSnapshotException(subvolume + " is on " + type + ", not btrfs: set snapshot: none or move the export to a btrfs filesystem");
            }
        } catch (NoSuchFileException e) {
            throw new FsSnapshotException(subvolume + " does not exist: create it, or fix exports[].path");
        } catch (IOException e) {
            throw new FsSnapshotException("cannot find the filesystem of " + subvolume + " (" + e + "): run claimback as root", e);
        }
        if (!Files.isDirectory(subvolume, LinkOption.NOFOLLOW_LINKS)
                || ((Number) attribute(subvolume, "unix:ino")).longValue() != SUBVOLUME_ROOT_INODE) {
            throw new FsSnapshotException(subvolume + " is not the root of a btrfs subvolume: snapshot the subvolume that"
                    + " subvolumeOf names (a bug in claimback: please report it)");
        }
    }

    /** {@code SUBVOLUME/.claimback-snapshots}, created with mode 0700 when missing; a symlink or file there is refused. */
    private static Path snapshotDirectory(Path subvolume) throws FsSnapshotException {
        Path directory = subvolume.resolve(DIRECTORY);
        try {
            Files.createDirectory(directory, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        } catch (FileAlreadyExistsException e) {
            // made before, by this or another process: checked below
        } catch (IOException e) {
            throw new FsSnapshotException("cannot create " + directory + " for snapshots (" + e + "): " + subvolume
                    + " must be a writable btrfs subvolume and the agent must run as root; or set snapshot: none", e);
        }
        if (!Files.isDirectory(directory, LinkOption.NOFOLLOW_LINKS)) {
            throw new FsSnapshotException(directory + " is not a directory: move it away, claimback keeps its snapshots there");
        }
        try {
            Files.setPosixFilePermissions(directory, PosixFilePermissions.fromString("rwx------"));
        } catch (IOException e) {
            throw new FsSnapshotException("cannot make " + directory + " private (" + e + "): run the agent as root", e);
        }
        return directory;
    }

    private static List<Path> entries(Path directory) throws FsSnapshotException {
        List<Path> entries = new ArrayList<>();
        try (DirectoryStream<Path> stream = Files.newDirectoryStream(directory)) {
            stream.forEach(entries::add);
        } catch (IOException e) {
            throw new FsSnapshotException("cannot list " + directory + " (" + e + "): run the agent as root", e);
        }
        entries.sort(null);
        return entries;
    }

    private static Object attribute(Path path, String name) throws FsSnapshotException {
        try {
            return Files.getAttribute(path, name);
        } catch (IOException | UnsupportedOperationException e) {
            throw new FsSnapshotException("cannot read " + name + " of " + path + " (" + e + "): run claimback as root", e);
        }
    }
}
