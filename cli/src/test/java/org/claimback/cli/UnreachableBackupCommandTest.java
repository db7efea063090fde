package org.claimback.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.claimback.catalog.Catalog;
import org.claimback.catalog.RunRecord;
import org.claimback.testing.VolumeTrees;
import org.claimback.unreachable.RemoteSetup;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** {@code claimback backup} against a repository server that is down: one line, exit 1, no retry. */
class UnreachableBackupCommandTest {
    private static final String SECRET = "cli-secret-key-0815";

    @TempDir
    Path tmp;

    @ParameterizedTest
    @MethodSource("org.claimback.testing.ResticBinaries#all")
    void backup_says_once_that_the_repository_cannot_be_reached_and_exits_1_without_retrying(Path restic) throws Exception {
        int port = RemoteSetup.closedPort();
        String repository = "s3:http://127.0.0.1:" + port + "/bucket/k8s";
        RemoteSetup setup = RemoteSetup.create(tmp, restic, repository,
                "AWS_ACCESS_KEY_ID=claimback\nAWS_SECRET_ACCESS_KEY=" + SECRET + "\n",
                "agent:\n  unreachableRetries: 3\n  unreachableBackoff: 10s\n");
        VolumeTrees.write(setup.local().export().newVolume("default", "web").resolve("index.html"), "hello".getBytes());
        VolumeTrees.write(setup.local().export().newVolume("default", "db").resolve("data"), "rows".getBytes());

        for (List<String> command : List.of(List.of("backup", "--all"), List.of("backup", "default/web"))) {
            long started = System.nanoTime();
            CliRun run = CliRun.of(concat(List.of("--config", setup.local().config().toString()), command));
            Duration took = Duration.ofNanos(System.nanoTime() - started);

            assertEquals(1, run.exitCode(), run::toString);
            assertEquals("cannot reach repository " + repository + " (TCP connect to 127.0.0.1:" + port + " within 5 s:"
                    + " connection refused): check that the server runs and that this machine reaches it"
                    + " (address, port, DNS, firewall)", run.err().strip().replaceFirst("^(error|claimback): ", ""), run::toString);
            assertEquals(1, run.err().strip().lines().count(), run::toString);
            assertTrue(took.compareTo(Duration.ofSeconds(8)) < 0, "no retry (agent.unreachableBackoff is 10 s): " + took);
            assertFalse((run.out() + run.err()).contains(SECRET), run::toString);
        }
        try (Catalog catalog = Catalog.open(setup.local().catalog())) {
            List<RunRecord> runs = catalog.runsOfKind("backup", null, 10);
            assertEquals(3, runs.size(), "two volumes, then one: " + runs);
            runs.forEach(r -> assertEquals("failed", r.state(), r::toString));
        }
    }

    private static String[] concat(List<String> a, List<String> b) {
        return java.util.stream.Stream.concat(a.stream(), b.stream()).toArray(String[]::new);
    }
}
