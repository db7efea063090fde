package org.claimback.restic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code restic restore}'s arguments and progress, with a recorded argv (a fake restic: real restic
 * prints its status lines too rarely for a small test to see one, and cannot be made to fail
 * verification on demand).
 */
class ResticRestoreProgressTest {
    @TempDir
    Path tmp;

    private Restic fake(String version, String body) throws Exception {
        Path script = FakeRestic.write(tmp, version, "echo \"$@\" > " + tmp.resolve("argv") + "\n" + body);
        Files.writeString(tmp.resolve("password"), "x\n");
        return new Restic(new ResticSettings(script, tmp.resolve("repo").toString(), tmp.resolve("password"), Map.of(), null));
    }

    @Test
    void should_ask_for_verification_and_hand_on_restics_status_lines_as_progress() throws Exception {
        Restic restic = fake("0.18.0", """
                echo '{"message_type":"status","seconds_elapsed":1,"percent_done":0.5,"total_files":4,"files_restored":2,"total_bytes":1000,"bytes_restored":500}'
                echo '{"message_type":"verbose_status","action":"restored","item":"/a"}'
                echo '{"message_type":"summary","total_files":4,"files_restored":4,"total_bytes":1000,"bytes_restored":1000}'
                """);
        List<RestoreProgress> progress = new CopyOnWriteArrayList<>();

        RestoreResult result = restic.restore(new RestoreRequest("abcd1234", tmp.resolve("target"), true), progress::add);

        assertEquals("restore abcd1234 --target " + tmp.resolve("target") + " --no-lock --verify --json",
                Files.readString(tmp.resolve("argv")).strip());
        assertEquals(List.of(new RestoreProgress(0.5, 500, 1000, 2, 4)), progress);
        assertEquals(4L, result.filesRestored());
        assertEquals(1000L, result.bytesRestored());
    }

    @Test
    void should_run_restic_014_without_json_or_lock_and_fail_when_verification_fails() throws Exception {
        Restic restic = fake("0.14.0", """
                echo 'verifying files in target'
                echo 'Fatal: There were 1 errors' >&2
                exit 1
                """);

        ResticException e = assertThrows(ResticException.class,
                () -> restic.restore(new RestoreRequest("abcd1234", tmp.resolve("target"), true), p -> { }));

        assertEquals("restore abcd1234 --target " + tmp.resolve("target") + " --no-lock --verify",
                Files.readString(tmp.resolve("argv")).strip());
        assertTrue(e.getMessage().contains("There were 1 errors") && e.getMessage().contains("a restore has no partial result"),
                e.getMessage());
    }
}
