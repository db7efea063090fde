package org.claimback.consistency;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.claimback.backup.BackupFixture;
import org.claimback.backup.BackupListener;
import org.claimback.backup.RunStates;
import org.claimback.backup.VolumeBackup;
import org.claimback.catalog.RunRecord;
import org.claimback.testing.ResticBinaries;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A claim's hooks around its backup, through the engine as the agent and the CLI run it: what
 * they see, what a failing or hanging before-hook does to the run, and that after and onError run.
 */
class HooksAroundBackupTest {
    @TempDir
    Path tmp;

    static Stream<Path> restic() {
        return ResticBinaries.all().stream();
    }

    private static String hooks(Path out, String before, String extra) {
        return "claims:\n"
                + "  - match: default/app\n"
                + "    hooks:\n"
                + "      before: " + quoted(before) + "\n"
                + "      after: " + quoted("touch " + out.resolve("after")) + "\n"
                + "      onError: " + quoted("printf '%s' \"$CLAIMBACK_ERROR\" > " + out.resolve("onerror")) + "\n"
                + extra;
    }

    private static String quoted(String s) {
        return "'" + s.replace("'", "''") + "'";
    }

    @ParameterizedTest(name = "restic {0}")
    @MethodSource("restic")
    void a_successful_before_hook_sees_the_claim_and_the_run_and_the_backup_says_hook(Path restic) throws Exception {
        Path out = Files.createDirectories(tmp.resolve("out"));
        String before = "echo \"$CLAIMBACK_NAMESPACE|$CLAIMBACK_CLAIM|$CLAIMBACK_CLAIM_KEY|$CLAIMBACK_RUN_ID|$CLAIMBACK_VOLUME_DIR|$PWD\" > "
                + out.resolve("before") + "; env > " + out.resolve("env") + "; echo quiesced";
        try (BackupFixture f = BackupFixture.plain(tmp.resolve("setup"), restic, hooks(out, before, ""))) {
            Path volume = f.setup.export().newVolume("default", "app");
            Files.writeString(volume.resolve("data.txt"), "hello");
            VolumeBackup result = f.backupEngine().backup(List.of(f.volume("app")), "cli", BackupListener.NONE).get(0);

            assertEquals(RunStates.OK, result.state(), result::toString);
            assertEquals("default|app|default-app|" + result.runId() + "|" + volume + "|" + volume,
                    Files.readString(out.resolve("before")).strip());
            String env = Files.readString(out.resolve("env"));
            assertFalse(env.contains("RESTIC_PASSWORD"), "the hook must not see restic's password file");
            assertFalse(env.contains("RESTIC_REPOSITORY"), "the hook must not see the repository");
            assertTrue(Files.exists(out.resolve("after")), "the after-hook ran");
            assertFalse(Files.exists(out.resolve("onerror")), "onError runs only for a failed backup");
            RunRecord run = f.engine.catalog().runById(result.runId()).orElseThrow();
            assertEquals("hook", run.consistency());
            assertTrue(run.detail().contains("quiesced"), "the hook's output is in the run's detail: " + run.detail());
            assertEquals("hook", f.engine.catalog().snapshotsOf(result.claim().id()).get(0).consistency());
            assertTrue(f.repositorySnapshots().get(0).tags().contains("consistency=hook"));
        }
    }

    @ParameterizedTest(name = "restic {0}")
    @MethodSource("restic")
    void a_before_hook_that_times_out_aborts_the_volume_and_still_resumes_and_reports(Path restic) throws Exception {
        Path out = Files.createDirectories(tmp.resolve("out"));
        try (BackupFixture f = BackupFixture.plain(tmp.resolve("setup"), restic,
                hooks(out, "echo pausing; sleep 60", "      timeout: 1s\n"))) {
            Path volume = f.setup.export().newVolume("default", "app");
            Files.writeString(volume.resolve("data.txt"), "hello");
            Instant start = Instant.now();
            VolumeBackup result = f.backupEngine().backup(List.of(f.volume("app")), "cli", BackupListener.NONE).get(0);
            Duration took = Duration.between(start, Instant.now());

            assertEquals(RunStates.FAILED, result.state(), result::toString);
            assertTrue(result.error().contains("timed out"), result.error());
            assertNull(result.snapshot(), "no snapshot without its before-hook");
            assertTrue(f.repositorySnapshots().isEmpty(), "nothing reached the repository");
            assertTrue(took.compareTo(Duration.ofSeconds(20)) < 0, "the hung hook was killed, took " + took);
            assertTrue(Files.exists(out.resolve("after")), "after runs whenever before was started");
            assertEquals(result.error(), Files.readString(out.resolve("onerror")), "onError got the run's error");
            RunRecord run = f.engine.catalog().runById(result.runId()).orElseThrow();
            assertEquals(RunStates.FAILED, run.state());
            assertTrue(run.detail().contains("pausing"), "the hung hook's output is kept: " + run.detail());
        }
    }

    @ParameterizedTest(name = "restic {0}")
    @MethodSource("restic")
    void a_failing_before_hook_with_continue_backs_up_and_reports_partial(Path restic) throws Exception {
        Path out = Files.createDirectories(tmp.resolve("out"));
        try (BackupFixture f = BackupFixture.plain(tmp.resolve("setup"), restic,
                hooks(out, "echo cannot reach the app >&2; exit 3", "      onBeforeFailure: continue\n"))) {
            Path volume = f.setup.export().newVolume("default", "app");
            Files.writeString(volume.resolve("data.txt"), "hello");
            VolumeBackup result = f.backupEngine().backup(List.of(f.volume("app")), "cli", BackupListener.NONE).get(0);

            assertEquals(RunStates.PARTIAL, result.state(), result::toString);
            assertNotNull(result.snapshot());
            assertTrue(result.error().contains("exited 3"), result.error());
            assertEquals("none", f.engine.catalog().runById(result.runId()).orElseThrow().consistency());
            assertTrue(Files.exists(out.resolve("onerror")));
        }
    }
}
