package org.claimback.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import org.claimback.catalog.RunRecord;
import org.claimback.testing.ResticBinaries;
import org.claimback.testing.TestSetup;
import org.claimback.testing.VolumeTrees;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** SIGTERM lets a running backup finish within {@code agent.stopGrace}, and stops it when the grace is over. */
class AgentStopTest {
    @TempDir
    Path tmp;

    private TestSetup slowSetup(int backupSeconds, String grace) throws Exception {
        Path restic = ResticBinaries.v018();
        TestSetup setup = TestSetup.create(tmp, restic);
        VolumeTrees.write(setup.export().newVolume("default", "web").resolve("index.html"), "hello".getBytes());
        return AgentProcess.withBinary(setup, AgentProcess.slowBackups(tmp, restic, backupSeconds),
                "schedule:\n  backup: \"*/2 * * * * ?\"\nstatus:\n  listen: off\nagent:\n  stopGrace: " + grace + "\n");
    }

    @Test
    void should_let_a_running_backup_finish_within_the_grace_period_and_then_exit() throws Exception {
        TestSetup setup = slowSetup(3, "30s");
        RunRecord running;
        try (AgentProcess agent = AgentProcess.start(setup, tmp.resolve("agent.log"))) {
            agent.waitFor(() -> AgentProcess.newest(setup, "backup", "running").isPresent() && !agent.descendants("sleep").isEmpty(),
                    Duration.ofSeconds(30));
            running = AgentProcess.newest(setup, "backup", "running").orElseThrow();
            agent.terminate(Duration.ofSeconds(40));
            String output = agent.output();
            assertTrue(output.contains("stopping: waiting up to 30s for backup of the default schedule"), output);
            assertTrue(output.contains("stopping: every job finished within the grace period"), output);
            assertTrue(output.contains("stopped"), output);
        }
        RunRecord ended = AgentProcess.runs(setup, "backup").stream().filter(r -> r.id() == running.id()).findFirst().orElseThrow();
        assertEquals("ok", ended.state(), ended::toString);
        assertEquals(1, AgentProcess.runs(setup, "backup").size(), "nothing new started after SIGTERM");
    }

    @Test
    void should_interrupt_a_backup_still_running_when_the_grace_period_is_over_and_exit_within_seconds() throws Exception {
        TestSetup setup = slowSetup(60, "1s");
        RunRecord running;
        Duration took;
        try (AgentProcess agent = AgentProcess.start(setup, tmp.resolve("agent.log"))) {
            agent.waitFor(() -> AgentProcess.newest(setup, "backup", "running").isPresent() && !agent.descendants("sleep").isEmpty(),
                    Duration.ofSeconds(30));
            running = AgentProcess.newest(setup, "backup", "running").orElseThrow();
            took = agent.terminate(Duration.ofSeconds(30));
            String output = agent.output();
            assertTrue(output.contains("the grace period of 1s is over; interrupting backup of the default schedule"), output);
            assertTrue(took.compareTo(Duration.ofSeconds(15)) < 0, "took " + took + "\n" + output);
        }
        RunRecord ended = AgentProcess.runs(setup, "backup").stream().filter(r -> r.id() == running.id()).findFirst().orElseThrow();
        assertEquals("interrupted", ended.state(), ended::toString);
    }
}
