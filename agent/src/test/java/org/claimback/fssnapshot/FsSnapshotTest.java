package org.claimback.fssnapshot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Where a live directory appears inside a snapshot. */
class FsSnapshotTest {
    private final FsSnapshot snapshot = new FsSnapshot(Path.of("/srv/nfs"), Path.of("/srv/nfs/.claimback-snapshots/snapshot-1"));

    @Test
    void a_volume_appears_at_the_same_place_inside_the_snapshot() {
        assertEquals(Path.of("/srv/nfs/.claimback-snapshots/snapshot-1/k8s/default-data-pvc-1"),
                snapshot.view(Path.of("/srv/nfs/k8s/default-data-pvc-1")));
    }

    @Test
    void the_subvolume_itself_is_the_snapshot() {
        assertEquals(snapshot.path(), snapshot.view(Path.of("/srv/nfs")));
        assertEquals(snapshot.path(), snapshot.view(Path.of("/srv/nfs/k8s/..")));
    }

    @Test
    void a_directory_outside_the_subvolume_is_refused() {
        assertThrows(IllegalArgumentException.class, () -> snapshot.view(Path.of("/srv/nfsother/x")));
        assertThrows(IllegalArgumentException.class, () -> snapshot.view(Path.of("/srv/nfs/../etc")));
    }

    @Test
    void a_directory_spelled_through_a_symlink_is_found_by_its_real_path(@TempDir Path tmp) throws Exception {
        Path subvolume = Files.createDirectories(tmp.resolve("data")).toRealPath();
        Files.createDirectories(subvolume.resolve("k8s/vol"));
        Path link = Files.createSymbolicLink(tmp.resolve("link"), subvolume.resolve("k8s"));
        FsSnapshot s = new FsSnapshot(subvolume, subvolume.resolve(".claimback-snapshots/s"));

        assertEquals(subvolume.resolve(".claimback-snapshots/s/k8s/vol"), s.view(link.resolve("vol")));
    }
}
