package org.claimback.restore;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.claimback.outcome.ExitCode;
import org.claimback.outcome.UserError;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The target rules, without restic or a catalogue: S = the snapshot's source, C = the claim's current volume. */
class TargetChoiceTest {
    private static final Path OLD = Path.of("/srv/nfs/default-web-pvc-0000");
    private static final Path NEW = Path.of("/srv/nfs/default-web-pvc-1111");

    @Test
    void should_choose_the_rebuilt_clusters_new_empty_volume_and_say_so() {
        ChosenTarget t = TargetChoice.forClaim("default-web", OLD, NEW, 0, false);
        assertEquals(NEW, t.directory());
        assertFalse(t.moveAside());
        assertTrue(t.reason().contains("new empty volume") && t.reason().contains(OLD.toString()), t.reason());
    }

    @Test
    void should_choose_the_same_directory_when_the_layout_reuses_it_and_it_is_empty() {
        ChosenTarget t = TargetChoice.forClaim("default-web", OLD, OLD, 0, false);
        assertEquals(OLD, t.directory());
        assertFalse(t.moveAside());
        assertTrue(t.reason().contains("the directory the snapshot was taken of"), t.reason());
    }

    @Test
    void should_refuse_a_non_empty_same_directory_without_force_naming_every_way_out() {
        UserError e = assertThrows(UserError.class, () -> TargetChoice.forClaim("default-web", OLD, OLD, 3, false));
        assertEquals(ExitCode.USAGE, e.exitCode());
        assertTrue(e.getMessage().contains("--force") && e.getMessage().contains("--into")
                && e.getMessage().contains("--to-new-pv") && e.getMessage().contains("3 entries"), e.getMessage());
    }

    @Test
    void should_move_a_non_empty_target_aside_only_with_force() {
        ChosenTarget same = TargetChoice.forClaim("default-web", OLD, OLD, 3, true);
        assertTrue(same.moveAside());
        assertTrue(same.reason().contains("--force moves its 3 entries aside"), same.reason());
        ChosenTarget inUse = TargetChoice.forClaim("default-web", OLD, NEW, 2, true);
        assertEquals(NEW, inUse.directory());
        assertTrue(inUse.moveAside());
    }

    @Test
    void should_refuse_a_new_volume_that_already_holds_data() {
        UserError e = assertThrows(UserError.class, () -> TargetChoice.forClaim("default-web", OLD, NEW, 1, false));
        assertEquals(ExitCode.USAGE, e.exitCode());
        assertTrue(e.getMessage().contains("in use with new data") && e.getMessage().contains("--force")
                && e.getMessage().contains("--into") && e.getMessage().contains("--to-new-pv"), e.getMessage());
    }

    @Test
    void should_refuse_a_claim_without_a_live_volume_suggesting_a_new_pv_or_into() {
        for (Path current : new Path[] {null, NEW}) {
            UserError e = assertThrows(UserError.class, () -> TargetChoice.forClaim("default-web", OLD, current, -1, true));
            assertEquals(ExitCode.USAGE, e.exitCode());
            assertTrue(e.getMessage().contains("no live volume") && e.getMessage().contains("--to-new-pv")
                    && e.getMessage().contains("--into DIR"), e.getMessage());
        }
    }

    @Test
    void should_take_a_given_directory_when_missing_or_empty_and_refuse_a_full_one_without_force() {
        Path dir = Path.of("/restore/here");
        assertEquals(dir, TargetChoice.given(dir, -1, false, "given with --into").directory());
        assertFalse(TargetChoice.given(dir, 0, false, "given with --into").moveAside());
        UserError e = assertThrows(UserError.class, () -> TargetChoice.given(dir, 4, false, "given with --into"));
        assertTrue(e.getMessage().contains("is not empty (4 entries)") && e.getMessage().contains("--force"), e.getMessage());
        assertTrue(TargetChoice.given(dir, 4, true, "given with --into").moveAside());
    }

    @Test
    void should_count_entries_and_tell_a_missing_directory_or_a_link_from_an_empty_one(@TempDir Path tmp) throws Exception {
        assertEquals(0, TargetChoice.entries(tmp));
        Files.writeString(tmp.resolve("a"), "a");
        Files.createDirectory(tmp.resolve(".hidden"));
        assertEquals(2, TargetChoice.entries(tmp));
        assertEquals(-1, TargetChoice.entries(tmp.resolve("missing")));
        assertEquals(-1, TargetChoice.entries(tmp.resolve("a")));
        assertEquals(-1, TargetChoice.entries(Files.createSymbolicLink(tmp.resolve("link"), tmp.resolve(".hidden"))));
    }
}
