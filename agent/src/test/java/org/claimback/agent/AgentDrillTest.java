package org.claimback.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.claimback.backup.BackupListener;
import org.claimback.catalog.Catalog;
import org.claimback.catalog.RunRecord;
import org.claimback.config.ConfigLoader;
import org.claimback.engine.Engine;
import org.claimback.schedule.BackupAll;
import org.claimback.testing.ResticBinaries;
import org.claimback.testing.TestSetup;
import org.claimback.testing.VolumeTrees;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The agent as a real process drills claims in rotation on its schedule and serves the result as metrics. */
class AgentDrillTest {
    @TempDir
    Path tmp;

    @Test
    void should_drill_each_claim_in_turn_on_schedule_serve_metrics_and_leave_no_scratch_copy_on_sigterm() throws Exception {
        TestSetup setup = TestSetup.create(tmp, ResticBinaries.v018());
        VolumeTrees.write(setup.export().newVolume("default", "web").resolve("index.html"), "<h1>hi</h1>".getBytes());
        VolumeTrees.write(setup.export().newVolume("default", "db").resolve("data"), "rows".getBytes());
        int port;
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort();
        }
        setup.writeConfig("schedule:\n  drill: \"*/2 * * * * ?\"\nstatus:\n  listen: 127.0.0.1:" + port + "\n");
        try (Engine engine = Engine.open(ConfigLoader.load(setup.config()))) {
            BackupAll.run(engine, "cli", BackupListener.NONE);
        }
        Path log = tmp.resolve("agent.log");
        Process agent = new ProcessBuilder(AgentMainTest.javaBin(), "-cp", System.getProperty("java.class.path"),
                AgentMain.class.getName(), "--config", setup.config().toString())
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        String metrics;
        try {
            // a run is ok once restored; the drill is ok once also verified, which the agent logs
            AgentMainTest.waitFor(() -> verified(log) >= 2, Duration.ofSeconds(90), agent, log);
            HttpResponse<String> scrape = HttpClient.newHttpClient().send(
                    HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/metrics")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(200, scrape.statusCode());
            metrics = scrape.body();
            agent.destroy(); // SIGTERM, perhaps in the middle of a drill
            assertTrue(agent.waitFor(60, TimeUnit.SECONDS), "agent did not stop within 60 s\n" + AgentMainTest.read(log));
        } finally {
            agent.destroyForcibly();
        }
        String output = AgentMainTest.read(log);
        assertTrue(output.contains("next drill (schedule */2 * * * * ?) at"), output);
        assertTrue(output.contains("metrics at http://127.0.0.1:" + port + "/metrics"), output);
        List<RunRecord> ok = okDrills(setup);
        assertEquals("schedule", ok.get(0).trigger());
        assertTrue(ok.size() >= 2 && !ok.get(ok.size() - 1).claimId().equals(ok.get(ok.size() - 2).claimId()),
                "the two first drills took different claims: " + ok + "\n" + output);
        assertTrue(metrics.contains("claimback_drill_last_success_timestamp_seconds{claim=\"default/db\"}")
                && metrics.contains("claimback_drill_last_success_timestamp_seconds{claim=\"default/web\"}"), metrics);
        try (Catalog catalog = Catalog.open(setup.catalog())) {
            List<RunRecord> runs = catalog.runs(null, 100);
            assertTrue(runs.stream().noneMatch(r -> r.state().equals("running")), runs::toString);
        }
        try (Stream<Path> left = Files.list(setup.catalog().resolveSibling("drills"))) {
            assertEquals(List.of(), left.toList(), "no scratch copy is left behind\n" + output);
        }
    }

    private static long verified(Path log) {
        try {
            return AgentMainTest.read(log).lines().filter(l -> l.contains("restored and verified")).count();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    /** The successful drill runs, oldest first. */
    private static List<RunRecord> okDrills(TestSetup setup) {
        try (Catalog catalog = Catalog.open(setup.catalog())) {
            return catalog.runsOfKind("drill", null, 100).stream().filter(r -> r.state().equals("ok"))
                    .sorted(java.util.Comparator.comparing(RunRecord::startedAt)).toList();
        }
    }
}
