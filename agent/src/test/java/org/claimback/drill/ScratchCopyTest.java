package org.claimback.drill;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import org.claimback.outcome.UserError;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ScratchCopyTest {
    private static final Instant NOW = Instant.parse("2025-01-05T04:00:00Z");

    @TempDir
    Path tmp;

    @Test
    void should_make_a_fresh_private_directory_per_drill_under_a_private_root() throws IOException {
        Path root = tmp.resolve("var/drills");
        Path first = ScratchCopy.create(root, "default-web", NOW);
        Path second = ScratchCopy.create(root, "default-web", NOW);
        assertEquals(root.resolve("default-web-20250105-040000"), first);
        assertEquals(root.resolve("default-web-20250105-040000-2"), second);
        assertEquals(0700, (Integer) Files.getAttribute(root, "unix:mode") & 07777);
        assertEquals(0700, (Integer) Files.getAttribute(first, "unix:mode") & 07777);
        assertEquals(root.resolve("_.._x-20250105-040000"), ScratchCopy.create(root, "../x", NOW));
    }

    @Test
    void should_refuse_a_scratch_root_others_can_enter() throws IOException {
        Path root = Files.createDirectory(tmp.resolve("open"));
        Files.setAttribute(root, "unix:mode", 0755);
        UserError e = assertThrows(UserError.class, () -> ScratchCopy.create(root, "default-web", NOW));
        assertTrue(e.getMessage().contains("chmod 700 " + root), e.getMessage());
    }

    @Test
    void should_remove_the_copy_and_the_links_in_it_but_never_what_they_point_to() throws IOException {
        Path root = tmp.resolve("drills");
        Path copy = ScratchCopy.create(root, "default-web", NOW);
        Path precious = Files.writeString(Files.createDirectory(tmp.resolve("elsewhere")).resolve("precious"), "keep");
        Files.createSymbolicLink(copy.resolve("to-dir"), precious.getParent());
        Files.createSymbolicLink(copy.resolve("to-file"), precious);
        Path locked = Files.createDirectories(copy.resolve("a/b"));
        Files.writeString(locked.resolve("f"), "x");
        Files.setAttribute(locked, "unix:mode", 0);

        ScratchCopy.remove(root, copy);

        assertFalse(Files.exists(copy));
        assertEquals("keep", Files.readString(precious));
        assertTrue(Files.isDirectory(root));
    }

    @Test
    void should_refuse_to_remove_anything_outside_the_scratch_root_or_a_link_into_it() throws IOException {
        Path root = tmp.resolve("drills");
        ScratchCopy.create(root, "default-web", NOW);
        Path outside = Files.createDirectory(tmp.resolve("volume"));
        Files.writeString(outside.resolve("data"), "keep");
        Path link = Files.createSymbolicLink(root.resolve("sneaky"), outside);

        assertThrows(IOException.class, () -> ScratchCopy.remove(root, outside));
        assertThrows(IOException.class, () -> ScratchCopy.remove(root, link));
        assertThrows(IOException.class, () -> ScratchCopy.remove(root, root));
        assertThrows(IOException.class, () -> ScratchCopy.remove(root, root.resolve("default-web-20250105-040000/../..")));
        assertEquals("keep", Files.readString(outside.resolve("data")));
    }
}
