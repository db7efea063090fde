package org.claimback.restic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.claimback.testing.ResticBinaries;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** {@code restic ls --json} read into tree nodes, on both restic versions. */
@Timeout(120)
@ExtendWith(ShowResticDetails.class)
class ResticLsTest {
    @TempDir
    Path tmp;

    @ParameterizedTest(name = "{0}")
    @MethodSource("org.claimback.testing.ResticBinaries#all")
    void should_list_every_entry_with_owner_mode_size_and_mtime(Path binary) throws IOException {
        Restic restic = new Restic(ResticBinaries.settings(binary, tmp));
        restic.init();
        Path volume = Files.createDirectories(tmp.resolve("vol"));
        Path data = Files.writeString(volume.resolve("data.txt"), "hello");
        Files.setPosixFilePermissions(data, PosixFilePermissions.fromString("rw-r-----"));
        Files.setAttribute(data, "unix:uid", 1000);
        Files.setAttribute(data, "unix:gid", 2000);
        Files.setLastModifiedTime(data, FileTime.from(Instant.parse("2024-05-01T10:00:00Z")));
        Path sticky = Files.createDirectory(volume.resolve("shared"));
        Files.setAttribute(sticky, "unix:mode", 01777);
        Files.createSymbolicLink(volume.resolve("link"), Path.of("data.txt"));
        BackupResult backup = restic.backup(new BackupRequest(volume, "h", List.of("claimback")), p -> {});

        Map<String, TreeNode> nodes = new TreeMap<>();
        restic.ls(backup.summary().snapshotId(), n -> nodes.put(n.path(), n));

        assertEquals(List.of("/data.txt", "/link", "/shared"), new ArrayList<>(nodes.keySet()));
        TreeNode file = nodes.get("/data.txt");
        assertEquals("file", file.type());
        assertEquals(1000, file.uid());
        assertEquals(2000, file.gid());
        assertEquals(5, file.size());
        assertEquals(0640, file.mode());
        assertEquals(Instant.parse("2024-05-01T10:00:00Z"), file.mtime());
        assertEquals("symlink", nodes.get("/link").type());
        assertEquals("dir", nodes.get("/shared").type());
        assertEquals(01777, nodes.get("/shared").mode());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("org.claimback.testing.ResticBinaries#all")
    void should_fail_for_a_snapshot_that_does_not_exist(Path binary) throws IOException {
        Restic restic = new Restic(ResticBinaries.settings(binary, tmp));
        restic.init();
        assertThrows(ResticException.class, () -> restic.ls("deadbeef", n -> {}));
    }
}
