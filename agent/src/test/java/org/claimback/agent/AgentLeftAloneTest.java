package org.claimback.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.RandomAccessFile;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.claimback.catalog.Catalog;
import org.claimback.catalog.ClaimRecord;
import org.claimback.catalog.RunRecord;
import org.claimback.catalog.SnapshotRecord;
import org.claimback.check.RepositoryCheck;
import org.claimback.config.ConfigLoader;
import org.claimback.engine.Engine;
import org.claimback.outcome.ExitCode;
import org.claimback.testing.HttpReceiver;
import org.claimback.testing.ResticBinaries;
import org.claimback.testing.TestSetup;
import org.claimback.testing.TreeManifest;
import org.claimback.testing.VolumeTrees;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The agent left alone on a fast schedule, with what issue 5 says goes wrong in a year: it is
 * killed with {@code kill -9} at a random moment, a volume is emptied by a "rebuild", a dead
 * restic leaves its lock, a pack file rots. Nothing is lost and every problem shows in the runs,
 * the metrics (scraped with the bearer token and parsed) and a webhook on loopback.
 */
class AgentLeftAloneTest {
    private static final Duration LONG = Duration.ofSeconds(60);
    private static final String TOKEN = "agent-left-alone-token";

    @TempDir
    Path tmp;

    static Stream<Path> restic() {
        return ResticBinaries.all().stream();
    }

    @ParameterizedTest(name = "restic {0}")
    @MethodSource("restic")
    void should_lose_nothing_and_show_every_problem(Path restic) throws Exception {
        TestSetup setup = TestSetup.create(tmp, restic);
        Path library = VolumeTrees.realistic(setup.export().newVolume("media", "library"), 11);
        VolumeTrees.realistic(setup.export().newVolume("default", "data"), 12);
        VolumeTrees.realistic(setup.export().newVolume("apps", "db"), 13);
        TreeManifest libraryBefore = TreeManifest.of(library);
        Path token = tmp.resolve("etc/status.token");
        Files.writeString(token, TOKEN + "\n");
        int port = freePort();
        try (HttpReceiver webhook = HttpReceiver.answering(200)) {
            setup.writeConfig("schedule:\n  backup: \"*/3 * * * * ?\"\n  retention: off\n  prune: off\n  check: off\n"
                    + "status:\n  listen: 127.0.0.1:" + port + "\n  tokenFile: " + token + "\n"
                    + "notify:\n  - format: webhook\n    url: " + webhook.url("/hook") + "\n"
                    + "    on: [failure, partial, suspicious, check]\n"
                    + "agent:\n  stopGrace: 5s\n  lockWait: 20s\n");
            Path log = tmp.resolve("agent.log");

            // 1. backs up every claim, then is killed at a random moment and started again
            AgentProcess agent = AgentProcess.start(setup, log);
            try {
                agent.waitFor(() -> coveredClaims(setup) == 3, LONG);
                Thread.sleep(new Random().nextInt(2500));
                agent.process.destroyForcibly().waitFor(); // kill -9
            } finally {
                agent.close();
            }
            long lastBeforeRestart = newestRunId(setup);
            agent = AgentProcess.start(setup, log);
            try {
                agent.waitFor(() -> runsAfter(setup, lastBeforeRestart).stream()
                        .filter(r -> r.state().equals("ok") || r.state().equals("skipped-unchanged"))
                        .map(RunRecord::claimId).distinct().count() == 3, LONG);
                try (Catalog catalog = Catalog.open(setup.catalog())) {
                    assertTrue(catalog.runs(null, 1000).stream()
                            .noneMatch(r -> r.state().equals("running") && r.id() <= lastBeforeRestart),
                            "a run the killed agent left running is recorded interrupted");
                }

                // 2. a rebuild empties media/library: suspicious, alerted, nothing good forgotten
                try (Stream<Path> entries = Files.list(library)) {
                    for (Path entry : entries.toList()) {
                        deleteTree(entry);
                    }
                }
                agent.waitFor(() -> AgentProcess.newest(setup, "backup", "suspicious").isPresent(), LONG);
                HttpReceiver.Received suspicious = webhook.await(r -> r.body().contains("\"event\":\"suspicious\""), LONG);
                assertTrue(suspicious.body().contains("\"claim\":\"media/library\""), suspicious.body());

                // 3. a dead restic's lock and a rotten pack file; a check in this process, beside the agent
                plantStaleLock(setup, restic);
                try (Engine engine = Engine.open(ConfigLoader.load(setup.config()))) {
                    assertEquals(ExitCode.OK, RepositoryCheck.of(engine).run("cli", "1/1"),
                            "the stale lock is removed and the intact repository passes: " + agent);
                    corruptOnePack(setup.repository());
                    assertEquals(ExitCode.FAILED, RepositoryCheck.of(engine).run("cli", "1/1"));
                    RunRecord check = engine.catalog().newestRepositoryRun("check").orElseThrow();
                    assertEquals("failed", check.state());
                    assertTrue(check.problems() != null && check.problems() > 0, check::toString);
                }
                webhook.await(r -> r.body().contains("\"event\":\"check\""), LONG);

                // 4. the metrics say all of it, typed, and only with the token
                HttpClient http = HttpClient.newHttpClient();
                URI metricsUri = URI.create("http://127.0.0.1:" + port + "/metrics");
                assertEquals(401, http.send(HttpRequest.newBuilder(metricsUri).build(), HttpResponse.BodyHandlers.discarding())
                        .statusCode());
                String metrics = http.send(HttpRequest.newBuilder(metricsUri).header("Authorization", "Bearer " + TOKEN).build(),
                        HttpResponse.BodyHandlers.ofString()).body();
                Map<String, String> types = types(metrics);
                assertEquals("gauge", types.get("claimback_last_success_timestamp_seconds"), metrics);
                assertEquals("gauge", types.get("claimback_backup_duration_seconds"), metrics);
                assertEquals("counter", types.get("claimback_backup_added_bytes_total"), metrics);
                assertEquals("counter", types.get("claimback_runs_total"), metrics);
                assertEquals("gauge", types.get("claimback_repository_check_errors"), metrics);
                assertEquals("gauge", types.get("claimback_claims"), metrics);
                assertEquals(3, count(metrics, "claimback_last_success_timestamp_seconds\\{claim=\"[^\"]+\"\\} [0-9.E]+"), metrics);
                assertEquals(1.0, value(metrics, "claimback_claims{state=\"suspicious\"}"), metrics);
                assertTrue(value(metrics, "claimback_repository_check_errors") >= 1, metrics);
                assertTrue(value(metrics, "claimback_runs_total{kind=\"backup\",state=\"suspicious\"}") >= 1, metrics);
                assertTrue(value(metrics, "claimback_runs_total{kind=\"check\",state=\"failed\"}") >= 1, metrics);
                assertTrue(value(metrics, "claimback_backup_added_bytes_total") > 0, metrics);

                agent.terminate(Duration.ofSeconds(45));
            } finally {
                agent.close();
            }
        }
        String output = Files.readString(tmp.resolve("agent.log"));
        assertTrue(output.contains("removing stale lock") || output.contains("stale"), "the unlock is logged somewhere");
        assertFalse(output.contains(TOKEN), "the token never reaches the log");

        // 5. nothing lost: the last good snapshot of media/library still holds the volume as it was
        try (Catalog catalog = Catalog.open(setup.catalog())) {
            assertTrue(catalog.runs(null, 1000).stream().noneMatch(r -> r.state().equals("running")), "no run left running");
            ClaimRecord claim = catalog.claimNamed("media", "library").orElseThrow();
            SnapshotRecord good = catalog.snapshotsOf(claim.id()).stream().filter(s -> !s.suspicious() && !s.partial())
                    .findFirst().orElseThrow();
            Path target = tmp.resolve("restored");
            AgentProcess.PlainResult restore = AgentProcess.plainRestic(setup, restic, "restore", good.resticId(), "--target",
                    target.toString());
            assertEquals(0, restore.exitCode(), restore::toString);
            // plain restic makes the target 0700; the root's own mode is in the root= tag (restores apply it; tested there)
            assertEquals(List.of(), libraryBefore.differences(TreeManifest.of(target)).stream()
                    .filter(difference -> !difference.startsWith(".: ")).toList());
        }
    }

    private static long coveredClaims(TestSetup setup) {
        return AgentProcess.runs(setup, "backup").stream().filter(r -> r.state().equals("ok")).map(RunRecord::claimId)
                .distinct().count();
    }

    private static long newestRunId(TestSetup setup) {
        try (Catalog catalog = Catalog.open(setup.catalog())) {
            return catalog.runs(null, 1).stream().mapToLong(RunRecord::id).max().orElse(0);
        }
    }

    private static List<RunRecord> runsAfter(TestSetup setup, long runId) {
        return AgentProcess.runs(setup, "backup").stream().filter(r -> r.id() > runId).toList();
    }

    /** A restic that holds a lock (a backup waiting on stdin) killed with SIGKILL: its lock stays, its PID is gone. */
    private static void plantStaleLock(TestSetup setup, Path restic) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(restic.toString(), "-r", setup.repository().toString(), "--password-file",
                setup.passwordFile().toString(), "--no-cache", "backup", "--stdin", "--stdin-filename", "held", "--host", "elsewhere");
        pb.environment().keySet().removeIf(name -> name.startsWith("RESTIC_"));
        Process holder = pb.redirectErrorStream(true).start();
        Path locks = setup.repository().resolve("locks");
        long end = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (System.nanoTime() < end) {
            try (Stream<Path> files = Files.list(locks)) {
                if (files.findAny().isPresent()) {
                    break;
                }
            }
            Thread.sleep(100);
        }
        holder.destroyForcibly().waitFor();
    }

    /** Overwrites bytes in the middle of one pack file, as a failing disk would. */
    private static void corruptOnePack(Path repository) throws Exception {
        Path pack;
        try (Stream<Path> files = Files.walk(repository.resolve("data"))) {
            pack = files.filter(Files::isRegularFile).max(java.util.Comparator.comparingLong(p -> p.toFile().length()))
                    .orElseThrow();
        }
        try (RandomAccessFile file = new RandomAccessFile(pack.toFile(), "rw")) {
            file.seek(file.length() / 2);
            file.write(new byte[64]);
        }
    }

    private static Map<String, String> types(String metrics) {
        Map<String, String> types = new HashMap<>();
        Matcher m = Pattern.compile("(?m)^# TYPE (\\S+) (\\S+)$").matcher(metrics);
        while (m.find()) {
            types.put(m.group(1), m.group(2));
        }
        return types;
    }

    private static int count(String metrics, String lineRegex) {
        Matcher m = Pattern.compile("(?m)^" + lineRegex + "$").matcher(metrics);
        int n = 0;
        while (m.find()) {
            n++;
        }
        return n;
    }

    private static double value(String metrics, String sample) {
        return metrics.lines().filter(l -> l.startsWith(sample + " ")).map(l -> Double.parseDouble(l.substring(sample.length() + 1)))
                .findFirst().orElseThrow(() -> new AssertionError("no sample " + sample + " in\n" + metrics));
    }

    private static int freePort() throws Exception {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static void deleteTree(Path path) throws Exception {
        if (Files.isDirectory(path, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            try (Stream<Path> children = Files.list(path)) {
                for (Path child : children.toList()) {
                    deleteTree(child);
                }
            }
        }
        Files.delete(path);
    }
}
