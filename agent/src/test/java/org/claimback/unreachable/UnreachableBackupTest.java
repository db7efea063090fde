package org.claimback.unreachable;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.claimback.backup.BackupListener;
import org.claimback.catalog.RunRecord;
import org.claimback.engine.Engine;
import org.claimback.outcome.ExitCode;
import org.claimback.outcome.Failures;
import org.claimback.restic.ResticException;
import org.claimback.schedule.BackupAll;
import org.claimback.testing.VolumeTrees;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A backup batch against a repository server that is down (a closed loopback port is a real
 * unreachable server): it stops at once, says it in one line, and every volume's run is failed
 * with that line; nothing is recorded as if it succeeded. Both restic versions.
 */
class UnreachableBackupTest {
    private static final String SECRET = "secret-key-4711-do-not-show";
    private static final String CREDENTIALS = "AWS_ACCESS_KEY_ID=claimback\nAWS_SECRET_ACCESS_KEY=" + SECRET + "\n";

    @TempDir
    Path tmp;

    @ParameterizedTest
    @MethodSource("org.claimback.testing.ResticBinaries#all")
    void a_backup_to_a_stopped_s3_server_fails_at_once_in_one_line_and_fails_every_volumes_run(Path restic) throws Exception {
        int port = RemoteSetup.closedPort();
        String repository = "s3:http://127.0.0.1:" + port + "/bucket/repo";
        RemoteSetup setup = RemoteSetup.create(tmp, restic, repository, CREDENTIALS, "");
        VolumeTrees.write(setup.local().export().newVolume("default", "web").resolve("index.html"), "hello".getBytes());
        VolumeTrees.write(setup.local().export().newVolume("media", "films").resolve("film"), "frames".getBytes());

        try (Engine engine = Engine.open(setup.config())) {
            long started = System.nanoTime();
            ResticException e = assertThrows(ResticException.class, () -> BackupAll.run(engine, "cli", BackupListener.NONE));
            Duration took = Duration.ofNanos(System.nanoTime() - started);

            assertEquals(ResticException.Kind.UNREACHABLE, e.kind(), e::details);
            String line = "cannot reach repository " + repository + " (TCP connect to 127.0.0.1:" + port
                    + " within 5 s: connection refused): check that the server runs and that this machine reaches it"
                    + " (address, port, DNS, firewall)";
            assertEquals(line, e.getMessage());
            assertEquals(ExitCode.FAILED, Failures.exitCode(e), "claimback backup exits 1");
            assertTrue(took.compareTo(Duration.ofSeconds(10)) < 0, "no restic waited out its own retries: " + took);

            List<RunRecord> runs = engine.catalog().runsOfKind("backup", null, 10);
            assertEquals(2, runs.size(), runs::toString);
            for (RunRecord run : runs) {
                assertEquals("failed", run.state(), run::toString);
                assertEquals("not started: " + line, run.error());
                assertEquals(null, run.snapshotId());
            }
            engine.catalog().claims().forEach(c -> assertEquals(List.of(), engine.catalog().snapshotsOf(c.id())));
            assertFalse(e.details().contains(SECRET), e::details);
        }
    }

    @ParameterizedTest
    @MethodSource("org.claimback.testing.ResticBinaries#all")
    void with_an_sftp_command_restic_itself_finds_the_server_down_and_the_batch_stops_after_one_volume(Path restic)
            throws Exception {
        int port = RemoteSetup.closedPort();
        String repository = "sftp:claimback@127.0.0.1:/srv/restic/k8s";
        RemoteSetup setup = RemoteSetup.create(tmp, restic, repository, "AWS_ACCESS_KEY_ID=unused\n",
                "repositoryOptions:\n  - \"sftp.command=ssh -p " + port + " -o BatchMode=yes claimback@127.0.0.1 -s sftp\"\n"
                        + "backup:\n  parallel: 1\n");
        VolumeTrees.write(setup.local().export().newVolume("default", "web").resolve("index.html"), "hello".getBytes());
        VolumeTrees.write(setup.local().export().newVolume("media", "films").resolve("film"), "frames".getBytes());

        try (Engine engine = Engine.open(setup.config())) {
            ResticException e = assertThrows(ResticException.class, () -> BackupAll.run(engine, "schedule", BackupListener.NONE));

            assertEquals(ResticException.Kind.UNREACHABLE, e.kind(), e::details);
            // restic 0.14 sometimes exits before it copied ssh's "Connection refused" line to stderr
            String line = e.getMessage();
            assertTrue(line.equals(sftpLine(repository, "connection refused"))
                    || line.equals(sftpLine(repository, "ssh could not start an sftp session")), e::details);
            List<RunRecord> runs = engine.catalog().runsOfKind("backup", null, 10);
            assertEquals(2, runs.size(), runs::toString);
            assertEquals(List.of("failed", "failed"), runs.stream().map(RunRecord::state).toList());
            assertEquals(1, runs.stream().filter(r -> r.error().equals(line)).count(), "the volume restic tried: " + runs);
            assertEquals(1, runs.stream().filter(r -> r.error().equals("not started: " + line)).count(),
                    "the volume after it did not start: " + runs);
            engine.catalog().claims().forEach(c -> assertEquals(List.of(), engine.catalog().snapshotsOf(c.id())));
        }
    }

    private static String sftpLine(String repository, String reason) {
        return "cannot reach repository " + repository + " (restic backup: " + reason + "): check that the"
                + " server runs and that this machine reaches it (address, port, DNS, firewall)";
    }
}
