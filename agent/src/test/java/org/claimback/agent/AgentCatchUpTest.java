package org.claimback.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.claimback.catalog.RunRecord;
import org.claimback.catalog.VolumeRecord;
import org.claimback.config.ConfigLoader;
import org.claimback.engine.Engine;
import org.claimback.testing.ResticBinaries;
import org.claimback.testing.TestSetup;
import org.claimback.testing.VolumeTrees;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Firings missed while the agent was down run once at start, not once per firing; the start log lists every next fire time. */
class AgentCatchUpTest {
    /** New Year's midnight: it fired three times in the three years the agent was "down", and not during the test. */
    private static final String YEARLY = "0 0 0 1 1 ?";

    @TempDir
    Path tmp;

    @Test
    void should_run_one_catch_up_backup_at_start_after_missing_three_firings() throws Exception {
        TestSetup setup = TestSetup.create(tmp, ResticBinaries.v018());
        VolumeTrees.write(setup.export().newVolume("default", "web").resolve("index.html"), "hello".getBytes());
        setup.writeConfig("schedule:\n  backup: \"" + YEARLY + "\"\nstatus:\n  listen: off\n");
        Instant longAgo = Instant.now().minus(3 * 365 + 2, ChronoUnit.DAYS);
        try (Engine engine = Engine.open(ConfigLoader.load(setup.config()))) {
            engine.claimSync().sync();
            VolumeRecord volume = engine.catalog().volumes().get(0);
            long run = engine.catalog().startRun("backup", volume.claimId(), volume.id(), "claimback-test", "schedule", longAgo);
            engine.catalog().finishRun(run, "ok", null, null, longAgo.plusSeconds(5));
        }
        try (AgentProcess agent = AgentProcess.start(setup, tmp.resolve("agent.log"))) {
            agent.waitFor(() -> AgentProcess.runs(setup, "backup").stream().anyMatch(r -> r.state().equals("ok")
                    && r.startedAt().isAfter(longAgo.plusSeconds(60))), Duration.ofSeconds(30));
            Thread.sleep(3000); // room for a second, wrong catch-up
            agent.terminate(Duration.ofSeconds(30));
            String output = agent.output();
            assertTrue(output.contains("backup of the default schedule " + YEARLY + " (schedule " + YEARLY + "): missed 3 firings since "),
                    output);
            assertTrue(output.contains(" while the agent was down: running once now"), output);
        }
        List<RunRecord> backups = AgentProcess.runs(setup, "backup");
        assertEquals(2, backups.size(), backups::toString);
        assertEquals("schedule", backups.get(0).trigger());
    }

    @Test
    void should_list_every_jobs_next_fire_time_at_start_and_catch_up_nothing_on_a_new_catalogue() throws Exception {
        TestSetup setup = TestSetup.create(tmp, ResticBinaries.v018());
        VolumeTrees.write(setup.export().newVolume("default", "web").resolve("index.html"), "hello".getBytes());
        VolumeTrees.write(setup.export().newVolume("media", "films").resolve("film"), "frames".getBytes());
        VolumeTrees.write(setup.export().newVolume("media", "music").resolve("song"), "notes".getBytes());
        setup.writeConfig("schedule:\n  backup: \"" + YEARLY + "\"\n  prune: off\n  drill: \"0 0 4 ? * SUN\"\n"
                + "status:\n  listen: off\nclaims:\n  - match: media/*\n    schedule: \"0 0 1 1 1 ?\"\n");
        try (AgentProcess agent = AgentProcess.start(setup, tmp.resolve("agent.log"))) {
            agent.waitFor(() -> agent.toString().contains("next drill"), Duration.ofSeconds(30));
            Thread.sleep(2000);
            agent.terminate(Duration.ofSeconds(30));
            String output = agent.output();
            int year = java.time.ZonedDateTime.now(java.time.ZoneOffset.UTC).getYear() + 1;
            assertTrue(output.contains("next backup (default schedule " + YEARLY + ", 1 claim) at " + year + "-01-01T00:00:00Z"), output);
            assertTrue(output.contains("next backup (schedule 0 0 1 1 1 ? of claims rule 'media/*', 2 claims) at " + year
                    + "-01-01T01:00:00Z"), output);
            assertTrue(output.contains("next retention (schedule 0 30 3 * * ?) at "), output);
            assertTrue(output.contains("next prune: off (schedule.prune is off or not set)"), output);
            assertTrue(output.contains("next check (schedule 0 0 6 ? * SAT) at "), output);
            assertTrue(output.contains("next drill (schedule 0 0 4 ? * SUN) at "), output);
        }
        assertEquals(List.of(), AgentProcess.runs(setup, "backup"), "no catch-up on a catalogue that never ran a schedule");
    }
}
