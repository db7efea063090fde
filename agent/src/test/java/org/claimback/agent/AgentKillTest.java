package org.claimback.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.claimback.catalog.RunRecord;
import org.claimback.testing.ResticBinaries;
import org.claimback.testing.TestSetup;
import org.claimback.testing.VolumeTrees;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code kill -9} of the agent in the middle of a backup: its run is recorded interrupted at the
 * next start, a snapshot its orphaned restic saved is adopted, the next run succeeds, the catalogue
 * and the repository agree and {@code restic check} passes. Real processes, restic 0.14 and 0.18.
 */
class AgentKillTest {
    private static final String EVERY_2S = "schedule:\n  backup: \"*/2 * * * * ?\"\nstatus:\n  listen: off\n";

    @TempDir
    Path tmp;

    static List<Path> restics() {
        return ResticBinaries.all();
    }

    @ParameterizedTest
    @MethodSource("restics")
    void should_record_the_killed_agents_run_interrupted_adopt_its_orphans_snapshot_and_back_up_again(Path restic) throws Exception {
        TestSetup setup = TestSetup.create(tmp, restic);
        VolumeTrees.realistic(setup.export().newVolume("default", "data"), 5);
        setup = AgentProcess.withBinary(setup, AgentProcess.slowBackups(tmp, restic, 1), EVERY_2S);
        TestSetup s = setup;
        Path log = tmp.resolve("agent.log");

        List<ProcessHandle> orphans;
        try (AgentProcess agent = AgentProcess.start(s, log)) {
            // the backup run is recorded running and its restic waits in the wrapper: kill -9 the JVM now
            agent.waitFor(() -> AgentProcess.newest(s, "backup", "running").isPresent() && !agent.descendants("sleep").isEmpty(),
                    Duration.ofSeconds(40));
            orphans = agent.process.descendants().toList();
            agent.process.destroyForcibly();
            assertTrue(agent.process.waitFor(10, TimeUnit.SECONDS));
        }
        for (ProcessHandle orphan : orphans) { // restic outlives the agent and saves its snapshot
            orphan.onExit().get(60, TimeUnit.SECONDS);
        }
        RunRecord killed = AgentProcess.newest(s, "backup", "running").orElseThrow();
        // the orphan loses its stdout with the agent and dies of SIGPIPE at its next line: before its
        // snapshot is saved (typically 0.14) or right after, when it prints the summary (typically 0.18)
        int orphaned = CrashChecks.claimSnapshotIds(s, restic).size();

        Instant restart = Instant.now();
        try (AgentProcess agent = AgentProcess.start(s, log)) {
            agent.waitFor(() -> AgentProcess.runs(s, "backup").stream()
                    .anyMatch(r -> r.state().equals("ok") && r.startedAt().isAfter(restart)), Duration.ofSeconds(40));
            agent.terminate(Duration.ofSeconds(30));
        }
        String output = AgentMainTest.read(log);
        RunRecord after = AgentProcess.runs(s, "backup").stream().filter(r -> r.id() == killed.id()).findFirst().orElseThrow();
        assertEquals("interrupted", after.state(), after::toString);
        assertTrue(output.contains("1 run(s) were still marked running from before: recorded as interrupted"), output);
        assertTrue(output.contains(orphaned == 1 ? "adopted 1 snapshot(s) of this host the catalogue lacked"
                : "every snapshot of this host in the repository is in the catalogue"), output);
        assertTrue(AgentProcess.runs(s, "backup").stream().noneMatch(r -> r.state().equals("running")));
        CrashChecks.assertCatalogueMatchesRepository(s, restic);
        // a restic killed by SIGPIPE leaves its lock; `restic unlock` removes it (its process is gone) until the agent does that itself
        AgentProcess.PlainResult unlock = AgentProcess.plainRestic(s, restic, "unlock");
        assertEquals(0, unlock.exitCode(), unlock::toString);
        AgentProcess.PlainResult check = AgentProcess.plainRestic(s, restic, "check");
        assertEquals(0, check.exitCode(), check::toString);
    }
}
