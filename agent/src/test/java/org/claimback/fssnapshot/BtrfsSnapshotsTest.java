package org.claimback.fssnapshot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.claimback.testing.LoopBtrfs;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Finding, making and deleting snapshots on a real btrfs filesystem on a loop device. */
class BtrfsSnapshotsTest {
    @TempDir
    static Path tmp;
    static LoopBtrfs btrfs;
    private static final AtomicInteger SUBVOLUMES = new AtomicInteger();

    private final BtrfsSnapshots snapshots = new BtrfsSnapshots();

    @BeforeAll
    static void mount() throws IOException {
        btrfs = LoopBtrfs.create(tmp, 256);
    }

    @AfterAll
    static void unmount() throws IOException {
        if (btrfs != null) {
            btrfs.close();
        }
    }

    /** A subvolume of the test's own, holding one volume directory with a file. */
    private static Path subvolume() throws IOException {
        Path subvolume = btrfs.newSubvolume("export-" + SUBVOLUMES.incrementAndGet());
        Path volume = Files.createDirectories(subvolume.resolve("default-data-pvc-1"));
        Files.writeString(volume.resolve("app.db"), "before");
        return subvolume;
    }

    @Test
    void the_export_subvolume_is_its_own_subvolume() throws Exception {
        assertEquals(btrfs.export().toRealPath(), snapshots.subvolumeOf(btrfs.export()));
    }

    @Test
    void a_directory_deep_inside_belongs_to_the_subvolume_around_it() throws Exception {
        Path deep = Files.createDirectories(btrfs.export().resolve("default-data-pvc-2/a/b/c"));

        assertEquals(btrfs.export(), snapshots.subvolumeOf(deep));
        assertEquals(btrfs.mountPoint(), snapshots.subvolumeOf(Files.createDirectories(btrfs.mountPoint().resolve("plain/dir"))),
                "a directory outside any subvolume belongs to the filesystem's top level");
    }

    @Test
    void a_directory_in_a_nested_subvolume_belongs_to_the_nested_one() throws Exception {
        Path nested = btrfs.newSubvolume("export/nested");
        Path dir = Files.createDirectories(nested.resolve("x"));

        assertEquals(nested, snapshots.subvolumeOf(dir));
    }

    @Test
    void a_directory_that_is_not_on_btrfs_is_refused_in_one_line_that_says_what_to_do() throws Exception {
        String type = Files.getFileStore(tmp).type();

        FsSnapshotException e = assertThrows(FsSnapshotException.class, () -> snapshots.subvolumeOf(tmp));

        assertEquals(tmp + " is on " + type + ", not btrfs: set snapshot: none or move the export to a btrfs filesystem", e.getMessage());
    }

    @Test
    void a_missing_directory_is_refused_in_one_line() {
        Path missing = btrfs.export().resolve("gone");

        FsSnapshotException e = assertThrows(FsSnapshotException.class, () -> snapshots.subvolumeOf(missing));

        assertEquals(missing + " does not exist: create it, or fix exports[].path", e.getMessage());
    }

    @Test
    void a_snapshot_is_read_only() throws Exception {
        Path subvolume = subvolume();
        FsSnapshot snapshot = snapshots.create(subvolume);
        Path copy = snapshot.view(subvolume.resolve("default-data-pvc-1"));

        assertThrows(IOException.class, () -> Files.writeString(copy.resolve("app.db"), "changed"));
        assertThrows(IOException.class, () -> Files.writeString(copy.resolve("new-file"), "x"));
        assertThrows(IOException.class, () -> Files.delete(copy.resolve("app.db")));
        assertEquals("before", Files.readString(copy.resolve("app.db")));
    }

    @Test
    void a_snapshot_holds_the_files_as_they_were_when_it_was_made() throws Exception {
        Path subvolume = subvolume();
        Path live = subvolume.resolve("default-data-pvc-1");

        FsSnapshot snapshot = snapshots.create(subvolume);
        Files.writeString(live.resolve("app.db"), "after");
        Files.writeString(live.resolve("later.txt"), "made after the snapshot");
        Path copy = snapshot.view(live);

        assertEquals("before", Files.readString(copy.resolve("app.db")));
        assertFalse(Files.exists(copy.resolve("later.txt")));
        assertEquals("after", Files.readString(live.resolve("app.db")), "the live volume is untouched");
    }

    @Test
    void a_snapshot_keeps_inode_numbers_ctimes_and_mtimes_so_restic_sees_unchanged_files() throws Exception {
        Path subvolume = subvolume();
        Path live = subvolume.resolve("default-data-pvc-1");
        Files.createDirectories(live.resolve("sub"));
        Files.writeString(live.resolve("sub/other.txt"), "other");
        Thread.sleep(20); // a ctime taken at snapshot time would differ from the file's

        FsSnapshot snapshot = snapshots.create(subvolume);

        Map<String, List<Object>> before = identities(live);
        Map<String, List<Object>> inSnapshot = identities(snapshot.view(live));
        assertEquals(4, before.size(), before::toString);
        assertEquals(before, inSnapshot);
    }

    @Test
    void snapshots_live_in_a_private_hidden_directory_of_the_subvolume_that_discovery_skips() throws Exception {
        Path subvolume = subvolume();

        FsSnapshot snapshot = snapshots.create(subvolume);

        assertEquals(subvolume, snapshot.subvolume());
        assertEquals(subvolume.resolve(BtrfsSnapshots.DIRECTORY), snapshot.path().getParent());
        assertTrue(snapshot.path().getParent().getFileName().toString().startsWith("."));
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(snapshot.path().getParent())));
        assertTrue(snapshot.path().getFileName().toString().matches(
                "snapshot-\\d{8}T\\d{6}Z-pid" + ProcessHandle.current().pid() + "-boot[0-9a-f]{8}-start\\d+-\\d+"),
                snapshot.path()::toString);
    }

    @Test
    void two_snapshots_of_one_subvolume_in_one_second_get_different_names() throws Exception {
        Path subvolume = subvolume();

        FsSnapshot first = snapshots.create(subvolume);
        FsSnapshot second = snapshots.create(subvolume);

        assertFalse(first.path().equals(second.path()));
        assertTrue(Files.isDirectory(first.path()) && Files.isDirectory(second.path()));
    }

    @Test
    void a_directory_that_is_not_a_subvolume_root_gets_no_snapshot_and_nothing_written_into_it() throws Exception {
        Path volume = subvolume().resolve("default-data-pvc-1");

        FsSnapshotException e = assertThrows(FsSnapshotException.class, () -> snapshots.create(volume));

        assertTrue(e.getMessage().startsWith(volume + " is not the root of a btrfs subvolume"), e::getMessage);
        assertFalse(Files.exists(volume.resolve(BtrfsSnapshots.DIRECTORY)));
    }

    @Test
    void without_btrfs_progs_the_message_says_to_install_them() throws Exception {
        Path subvolume = subvolume();
        BtrfsSnapshots missing = new BtrfsSnapshots(tmp.resolve("no-such-btrfs").toString(), null);

        FsSnapshotException e = assertThrows(FsSnapshotException.class, () -> missing.create(subvolume));

        assertTrue(e.getMessage().startsWith("cannot snapshot " + subvolume + ": cannot run `" + tmp.resolve("no-such-btrfs") + "`"),
                e::getMessage);
        assertTrue(e.getMessage().endsWith(": install btrfs-progs (apt-get install btrfs-progs), or set snapshot: none for this export"),
                e::getMessage);
    }

    @Test
    void a_failing_btrfs_is_reported_with_its_own_message_on_one_line() throws Exception {
        Path subvolume = subvolume();
        Path fake = tmp.resolve("btrfs-fails");
        Files.writeString(fake, "#!/bin/sh\necho 'ERROR: cannot snapshot: No space left on device' >&2\necho second line >&2\nexit 1\n");
        Files.setPosixFilePermissions(fake, PosixFilePermissions.fromString("rwx------"));

        FsSnapshotException e = assertThrows(FsSnapshotException.class, () -> new BtrfsSnapshots(fake.toString(), null).create(subvolume));

        assertTrue(e.getMessage().contains("exited 1: ERROR: cannot snapshot: No space left on device; second line: the agent must run"
                + " as root"), e::getMessage);
        assertFalse(e.getMessage().contains("\n"));
    }

    @Test
    void delete_removes_the_snapshot_and_leaves_the_live_volume() throws Exception {
        Path subvolume = subvolume();
        FsSnapshot snapshot = snapshots.create(subvolume);

        snapshots.delete(snapshot);

        assertFalse(Files.exists(snapshot.path()));
        assertEquals("before", Files.readString(subvolume.resolve("default-data-pvc-1/app.db")));
        snapshots.delete(snapshot); // gone already: nothing to do
    }

    @Test
    void delete_refuses_anything_outside_the_snapshot_directory() throws Exception {
        Path subvolume = subvolume();
        FsSnapshot real = snapshots.create(subvolume);
        Path volume = subvolume.resolve("default-data-pvc-1");
        Path other = btrfs.newSubvolume("not-a-snapshot-" + SUBVOLUMES.incrementAndGet());

        for (Path target : List.of(volume, other, subvolume, real.path().getParent(),
                real.path().getParent().resolve("..").resolve("default-data-pvc-1"),
                real.path().getParent().resolve("not-our-name"))) {
            FsSnapshotException e = assertThrows(FsSnapshotException.class, () -> snapshots.delete(new FsSnapshot(subvolume, target)),
                    target::toString);
            assertTrue(e.getMessage().startsWith("refusing to delete " + target + ": claimback deletes only its own snapshots"),
                    e::getMessage);
        }
        assertThrows(FsSnapshotException.class, () -> snapshots.delete(new FsSnapshot(other, real.path())),
                "a snapshot of another subvolume");
        assertEquals("before", Files.readString(volume.resolve("app.db")));
        assertTrue(Files.isDirectory(other) && Files.isDirectory(real.path()));
    }

    /** Path relative to {@code dir} → [inode, ctime, mtime, size] of everything under it. */
    private static Map<String, List<Object>> identities(Path dir) throws IOException {
        Map<String, List<Object>> result = new LinkedHashMap<>();
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.sorted().toList()) {
                result.put(dir.relativize(p).toString(), List.of(Files.getAttribute(p, "unix:ino"), Files.getAttribute(p, "unix:ctime"),
                        Files.getLastModifiedTime(p), Files.size(p)));
            }
        }
        return result;
    }
}
