package org.claimback.drill;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.claimback.restic.TreeNode;
import org.claimback.testing.VolumeTrees;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A hand-made restored tree against hand-made {@code restic ls} entries. */
class TreeCheckTest {
    private static final Instant MTIME = Instant.parse("2024-05-01T10:00:00.250Z");

    @TempDir
    Path root;

    List<TreeNode> listing;

    /** {@code /data.txt} (1000:2000, 0640, 5 bytes), {@code /shared} (sticky 01777), {@code /bin/tool} (setuid 04755), {@code /link}. */
    @BeforeEach
    void tree() throws IOException {
        Path data = Files.writeString(root.resolve("data.txt"), "hello");
        VolumeTrees.chown(data, 1000, 2000);
        Files.setAttribute(data, "unix:mode", 0640);
        Files.setLastModifiedTime(data, FileTime.from(MTIME));
        Path shared = Files.createDirectory(root.resolve("shared"));
        Files.setAttribute(shared, "unix:mode", 01777);
        Path tool = Files.writeString(Files.createDirectory(root.resolve("bin")).resolve("tool"), "#!/bin/sh\n");
        Files.setAttribute(root.resolve("bin"), "unix:mode", 0755);
        Files.setAttribute(tool, "unix:mode", 04755);
        Files.setLastModifiedTime(tool, FileTime.from(MTIME));
        Files.createSymbolicLink(root.resolve("link"), Path.of("data.txt"));
        listing = new ArrayList<>(List.of(
                new TreeNode("/bin", "dir", 0, 0, 0, 0755, MTIME),
                new TreeNode("/bin/tool", "file", 0, 0, 10, 04755, MTIME.plusMillis(500)), // same second
                new TreeNode("/data.txt", "file", 1000, 2000, 5, 0640, MTIME),
                new TreeNode("/link", "symlink", 0, 0, 0, 0777, MTIME),
                new TreeNode("/shared", "dir", 0, 0, 0, 01777, MTIME)));
    }

    private TreeCheckResult check() throws IOException {
        TreeCheck check = new TreeCheck(root);
        listing.forEach(check);
        return check.finish();
    }

    private void replace(String path, TreeNode node) {
        listing.replaceAll(n -> n.path().equals(path) ? node : n);
    }

    @Test
    void should_accept_a_tree_that_matches_its_listing_entry_by_entry() throws IOException {
        TreeCheckResult result = check();
        assertTrue(result.ok(), result::toString);
        assertEquals(5, result.listed());
    }

    @Test
    void should_name_a_wrong_owner_and_a_wrong_mode() throws IOException {
        replace("/data.txt", new TreeNode("/data.txt", "file", 1000, 2001, 5, 0600, MTIME));
        TreeCheckResult result = check();
        assertEquals(1, result.differing());
        assertEquals(List.of("/data.txt: owner 1000:2000, the snapshot has 1000:2001; mode 0640, the snapshot has 0600"),
                result.shown());
    }

    @Test
    void should_notice_lost_setuid_and_sticky_bits() throws IOException {
        Files.setAttribute(root.resolve("bin/tool"), "unix:mode", 0755);
        Files.setAttribute(root.resolve("shared"), "unix:mode", 0777);
        TreeCheckResult result = check();
        assertEquals(List.of("/bin/tool: mode 0755, the snapshot has 4755", "/shared: mode 0777, the snapshot has 1777"),
                result.shown());
    }

    @Test
    void should_name_a_missing_file_and_a_file_of_another_size_or_time() throws IOException {
        listing.add(new TreeNode("/gone.txt", "file", 0, 0, 3, 0644, MTIME));
        replace("/data.txt", new TreeNode("/data.txt", "file", 1000, 2000, 6, 0640, MTIME.plusSeconds(1)));
        TreeCheckResult result = check();
        assertEquals(List.of("/data.txt: 5 bytes, the snapshot has 6; modified 2024-05-01T10:00:00Z, the snapshot has 2024-05-01T10:00:01Z",
                "/gone.txt: missing"), result.shown());
        assertFalse(result.reason("1a2b3c4d").isBlank());
        assertTrue(result.reason("1a2b3c4d").startsWith("the restored tree differs from snapshot 1a2b3c4d in 2 of 6 entries: /data.txt: 5 bytes"),
                result.reason("1a2b3c4d"));
    }

    @Test
    void should_name_a_wrong_type_and_an_entry_the_snapshot_does_not_list() throws IOException {
        replace("/link", new TreeNode("/link", "file", 0, 0, 8, 0644, MTIME));
        Files.writeString(root.resolve("shared/extra"), "not in the snapshot");
        TreeCheckResult result = check();
        assertEquals(List.of("/link: is a symlink, the snapshot has a file",
                "1 entry on disk that the snapshot does not list"), result.shown());
    }

    @Test
    void should_refuse_a_listed_path_that_leaves_the_tree() throws IOException {
        listing.add(new TreeNode("/../outside", "file", 0, 0, 0, 0644, MTIME));
        assertEquals(List.of("/../outside: restic listed a path that is not inside the snapshot's tree"), check().shown());
    }

    @Test
    void should_show_only_the_first_differences_but_count_them_all() throws IOException {
        for (int i = 0; i < 8; i++) {
            listing.add(new TreeNode("/missing-" + i, "file", 0, 0, 0, 0644, MTIME));
        }
        TreeCheckResult result = check();
        assertEquals(8, result.differing());
        assertEquals(TreeCheck.SHOWN, result.shown().size());
        assertTrue(result.reason("x").contains("; …"), result.reason("x"));
    }
}
