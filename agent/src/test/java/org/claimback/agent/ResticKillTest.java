package org.claimback.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Random;
import org.claimback.catalog.RunRecord;
import org.claimback.testing.ResticBinaries;
import org.claimback.testing.TestSetup;
import org.claimback.testing.VolumeTrees;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code kill -9} of restic under the agent in the middle of a backup: the run is recorded failed
 * with the exit, the next firing succeeds, the catalogue and the repository agree and
 * {@code restic check} passes (after {@code restic unlock}). Real processes, restic 0.14 and 0.18.
 */
class ResticKillTest {
    private static final String EVERY_2S = "schedule:\n  backup: \"*/2 * * * * ?\"\nstatus:\n  listen: off\n";

    @TempDir
    Path tmp;

    static List<Path> restics() {
        return ResticBinaries.all();
    }

    @ParameterizedTest
    @MethodSource("restics")
    void should_record_a_backup_whose_restic_was_killed_as_failed_and_succeed_on_the_next_firing(Path restic) throws Exception {
        TestSetup setup = TestSetup.create(tmp, restic);
        Path volume = setup.export().newVolume("default", "big");
        byte[] data = new byte[48 * 1024 * 1024]; // incompressible: restic needs a moment to save it
        new Random(4711).nextBytes(data);
        VolumeTrees.write(volume.resolve("blob"), data);
        setup.writeConfig(EVERY_2S);
        TestSetup s = setup;
        Path log = tmp.resolve("agent.log");
        Path locks = s.repository().resolve("locks");

        try (AgentProcess agent = AgentProcess.start(s, log)) {
            ProcessHandle victim = null;
            Instant end = Instant.now().plusSeconds(40);
            while (victim == null) { // restic saves 48 MiB in about a second: look often
                assertTrue(Instant.now().isBefore(end) && agent.process.isAlive(), agent::toString);
                List<ProcessHandle> backups = agent.descendants("backup . --host");
                if (!backups.isEmpty() && CrashChecks.hasFiles(locks)) {
                    victim = backups.get(0);
                } else {
                    Thread.sleep(5);
                }
            }
            victim.destroyForcibly(); // kill -9 restic itself, lock and half-written packs and all
            agent.waitFor(() -> AgentProcess.newest(s, "backup", "failed").isPresent(), Duration.ofSeconds(20));
            RunRecord failed = AgentProcess.newest(s, "backup", "failed").orElseThrow();
            assertTrue(failed.error().contains("exit 137"), failed::toString);
            agent.waitFor(() -> AgentProcess.runs(s, "backup").stream()
                    .anyMatch(r -> r.state().equals("ok") && r.id() > failed.id()), Duration.ofSeconds(30));
            agent.terminate(Duration.ofSeconds(30));
        }
        CrashChecks.assertCatalogueMatchesRepository(s, restic);
        // the killed restic left its lock; `restic unlock` removes it (its process is gone) until the agent does that itself
        AgentProcess.PlainResult unlock = AgentProcess.plainRestic(s, restic, "unlock");
        assertEquals(0, unlock.exitCode(), unlock::toString);
        AgentProcess.PlainResult check = AgentProcess.plainRestic(s, restic, "check");
        assertEquals(0, check.exitCode(), check::toString);
    }
}
