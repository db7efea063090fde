package org.claimback.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.claimback.catalog.Catalog;
import org.claimback.catalog.RunRecord;
import org.claimback.testing.ResticBinaries;
import org.claimback.testing.TestSetup;
import org.claimback.testing.VolumeTrees;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The agent as a real process: it backs up on its schedule and stops cleanly on SIGTERM. */
class AgentMainTest {
    @TempDir
    Path tmp;

    @Test
    void should_back_up_on_schedule_and_stop_cleanly_on_sigterm() throws Exception {
        TestSetup setup = TestSetup.create(tmp, ResticBinaries.v018());
        VolumeTrees.realistic(setup.export().newVolume("default", "data"), 7);
        setup.writeConfig("schedule:\n  backup: \"*/2 * * * * ?\"\n");
        Path log = tmp.resolve("agent.log");
        Process agent = new ProcessBuilder(javaBin(), "-cp", System.getProperty("java.class.path"),
                AgentMain.class.getName(), "--config", setup.config().toString())
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        try {
            waitFor(() -> okBackups(setup) >= 1, Duration.ofSeconds(90), agent, log);
            agent.destroy(); // SIGTERM
            assertTrue(agent.waitFor(60, TimeUnit.SECONDS), "agent did not stop within 60 s\n" + read(log));
        } finally {
            agent.destroyForcibly();
        }
        String output = read(log);
        assertTrue(output.contains("next backup (default schedule"), output);
        assertTrue(output.contains("stopped"), output);
        try (Catalog catalog = Catalog.open(setup.catalog())) {
            List<RunRecord> runs = catalog.runs(null, 100);
            assertTrue(runs.stream().noneMatch(r -> r.state().equals("running")), runs::toString);
        }
    }

    private static long okBackups(TestSetup setup) {
        if (!Files.exists(setup.catalog())) {
            return 0;
        }
        try (Catalog catalog = Catalog.open(setup.catalog())) {
            return catalog.runs(null, 100).stream().filter(r -> r.state().equals("ok")).count();
        }
    }

    static String javaBin() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    static String read(Path log) throws Exception {
        return Files.exists(log) ? Files.readString(log, StandardCharsets.UTF_8) : "";
    }

    static void waitFor(java.util.function.BooleanSupplier condition, Duration limit, Process process, Path log) throws Exception {
        Instant end = Instant.now().plus(limit);
        while (!condition.getAsBoolean()) {
            if (!process.isAlive()) {
                throw new AssertionError("agent exited with " + process.exitValue() + "\n" + read(log));
            }
            if (Instant.now().isAfter(end)) {
                throw new AssertionError("condition not met within " + limit + "\n" + read(log));
            }
            Thread.sleep(200);
        }
    }

}
