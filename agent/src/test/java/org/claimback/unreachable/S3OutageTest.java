package org.claimback.unreachable;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.claimback.backup.BackupListener;
import org.claimback.backup.VolumeBackup;
import org.claimback.catalog.RunRecord;
import org.claimback.check.RepositoryCheck;
import org.claimback.engine.Engine;
import org.claimback.outcome.ExitCode;
import org.claimback.restic.ResticException;
import org.claimback.schedule.BackupAll;
import org.claimback.testing.PlainRestic;
import org.claimback.testing.ResticBinaries;
import org.claimback.testing.S3Server;
import org.claimback.testing.VolumeTrees;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A real S3 server (s3proxy on loopback) that goes away: stopped between backups, and killed
 * while restic uploads. Both restic versions; each test its own bucket on one shared server.
 */
class S3OutageTest {
    @TempDir
    static Path serverDir;
    @TempDir
    Path tmp;

    private static S3Server s3;

    @BeforeAll
    static void startServer() throws IOException {
        s3 = S3Server.start(serverDir.resolve("s3"));
    }

    @AfterAll
    static void stopServer() {
        if (s3 != null) {
            s3.close();
        }
    }

    @ParameterizedTest
    @MethodSource("org.claimback.testing.ResticBinaries#all")
    void a_backup_while_the_server_is_down_fails_in_one_line_and_the_first_one_after_it_returns_succeeds(Path restic)
            throws Exception {
        RemoteSetup setup = setup(restic, "down", "");
        VolumeTrees.write(setup.local().export().newVolume("default", "web").resolve("index.html"), "hello".getBytes());

        try (Engine engine = Engine.open(setup.config())) {
            engine.restic().init();
            s3.kill();
            ResticException e;
            try {
                e = assertThrows(ResticException.class, () -> BackupAll.run(engine, "schedule", BackupListener.NONE));
            } finally {
                s3.start();
            }
            assertEquals(ResticException.Kind.UNREACHABLE, e.kind(), e::details);
            assertTrue(e.getMessage().startsWith("cannot reach repository " + setup.repository() + " (TCP connect to 127.0.0.1:"
                    + s3.port() + " within 5 s: connection refused): "), e.getMessage());
            RunRecord failed = engine.catalog().runsOfKind("backup", null, 10).get(0);
            assertEquals("failed", failed.state());
            assertEquals("not started: " + e.getMessage(), failed.error());
            engine.catalog().claims().forEach(c -> assertEquals(List.of(), engine.catalog().snapshotsOf(c.id())));

            List<VolumeBackup> next = BackupAll.run(engine, "schedule", BackupListener.NONE);

            assertEquals(List.of("ok"), next.stream().map(VolumeBackup::state).toList(), next::toString);
            assertEquals(1, engine.catalog().claims().stream().mapToInt(c -> engine.catalog().snapshotsOf(c.id()).size()).sum());
            assertEquals(List.of("ok", "failed"),
                    engine.catalog().runsOfKind("backup", null, 10).stream().map(RunRecord::state).toList());
        }
    }

    /**
     * The connection is cut while restic uploads (s3proxy SIGKILLed) and the server is back a
     * few seconds later: restic retries its failed requests (about a minute on 0.14, up to 15
     * minutes on 0.18), so the run ends ok with a snapshot that is really there, and the
     * repository checks clean (all data read) after the agent's next backup.
     */
    @ParameterizedTest
    @MethodSource("org.claimback.testing.ResticBinaries#all")
    void a_server_killed_mid_upload_and_back_soon_leaves_an_ok_run_and_a_repository_that_checks_clean(Path restic)
            throws Exception {
        RemoteSetup setup = setup(restic, "cut", "limits:\n  upload: 512\n");
        Path volume = setup.local().export().newVolume("default", "media");
        writeRandom(volume.resolve("film.bin"), 2 << 20);

        try (Engine engine = Engine.open(setup.config())) {
            engine.restic().init();
            CompletableFuture<List<VolumeBackup>> backup = CompletableFuture.supplyAsync(
                    () -> BackupAll.run(engine, "schedule", BackupListener.NONE));
            // s3proxy writes an object in place as it arrives: kill it while the pack file grows
            Path pack = awaitPartialUpload(setup, backup);
            s3.kill();
            assertTrue(Files.size(pack) < (2 << 20), "the upload was cut: " + Files.size(pack) + " bytes arrived");
            Thread.sleep(1000);
            s3.start();
            List<VolumeBackup> cut = backup.get(150, TimeUnit.SECONDS);

            assertEquals(List.of("ok"), cut.stream().map(VolumeBackup::state).toList(), cut::toString);
            String snapshot = cut.get(0).snapshot().resticId();
            assertTrue(plain(setup, restic).require("snapshots", "--json").contains(snapshot.substring(0, 8)),
                    "the snapshot the catalogue names is in the repository");

        }
        VolumeTrees.write(volume.resolve("notes.txt"), "after the outage".getBytes());
        setup.writeConfig(""); // the agent restarted without the bandwidth limit (keeps the test short)
        try (Engine engine = Engine.open(setup.config())) {
            List<VolumeBackup> next = BackupAll.run(engine, "schedule", BackupListener.NONE);
            assertEquals(List.of("ok"), next.stream().map(VolumeBackup::state).toList(), next::toString);
        }
        plain(setup, restic).require("check", "--read-data");
    }

    /**
     * The server is killed mid-upload and stays away: restic 0.18 would retry for 15 minutes;
     * claimback stops it once its retries outlast the window (5 s here, 3 minutes
     * by default) and the run fails as unreachable in one line. Once the server is back, the next
     * backup succeeds and the repository checks clean.
     */
    @org.junit.jupiter.api.Test
    void a_server_that_stays_away_mid_upload_ends_the_run_as_unreachable_after_the_retry_window() throws Exception {
        // restic 0.18 only: 0.14 gives up by itself after about a minute of retries (the watch ended it at 5 s too,
        // tried by hand); 0.17+ is the version that would otherwise retry for 15 minutes
        Path restic = ResticBinaries.v018();
        RemoteSetup setup = setup(restic, "away", "limits:\n  upload: 512\n");
        Path volume = setup.local().export().newVolume("default", "media");
        writeRandom(volume.resolve("film.bin"), 2 << 20);
        System.setProperty("claimback.restic.retryWindowSeconds", "5");
        try (Engine engine = Engine.open(setup.config())) {
            engine.restic().init();
            long start = System.nanoTime();
            CompletableFuture<List<VolumeBackup>> backup = CompletableFuture.supplyAsync(
                    () -> BackupAll.run(engine, "schedule", BackupListener.NONE));
            awaitPartialUpload(setup, backup);
            s3.kill();
            java.util.concurrent.ExecutionException e;
            try {
                e = assertThrows(java.util.concurrent.ExecutionException.class, () -> backup.get(120, TimeUnit.SECONDS));
            } finally {
                s3.start();
            }
            long seconds = (System.nanoTime() - start) / 1_000_000_000L;
            ResticException failure = (ResticException) e.getCause();
            assertEquals(ResticException.Kind.UNREACHABLE, failure.kind(), failure::details);
            assertTrue(failure.getMessage().startsWith("cannot reach repository " + setup.repository()), failure::details);
            assertTrue(seconds < 100, "took " + seconds + " s");
            RunRecord run = engine.catalog().runsOfKind("backup", null, 10).get(0);
            assertEquals("failed", run.state(), run::toString);
            engine.catalog().claims().forEach(c -> assertEquals(List.of(), engine.catalog().snapshotsOf(c.id())));
        } finally {
            System.clearProperty("claimback.restic.retryWindowSeconds");
        }
        setup.writeConfig("");
        try (Engine engine = Engine.open(setup.config())) {
            List<VolumeBackup> next = BackupAll.run(engine, "schedule", BackupListener.NONE);
            assertEquals(List.of("ok"), next.stream().map(VolumeBackup::state).toList(), next::toString);
            RepositoryCheck.of(engine).run("schedule"); // removes the stale lock the stopped restic may have left
        }
        plain(setup, restic).require("check");
    }

    /**
     * The worst case: restic dies with the connection (SIGKILL, as when it gave up while the
     * server was still away and could not remove its lock). Its lock stays in the repository; a
     * backup takes a shared lock and is not blocked by it, and the agent's check (exclusive)
     * removes it as the stale lock of a dead process of this host, then passes.
     */
    @ParameterizedTest
    @MethodSource("org.claimback.testing.ResticBinaries#all")
    void a_restic_that_died_with_the_connection_leaves_a_stale_lock_that_blocks_no_later_run(Path restic) throws Exception {
        RemoteSetup setup = setup(restic, "dead", "limits:\n  upload: 512\n");
        Path volume = setup.local().export().newVolume("default", "media");
        writeRandom(volume.resolve("film.bin"), 2 << 20);

        try (Engine engine = Engine.open(setup.config())) {
            engine.restic().init();
            CompletableFuture<List<VolumeBackup>> backup = CompletableFuture.supplyAsync(
                    () -> BackupAll.run(engine, "schedule", BackupListener.NONE));
            awaitPartialUpload(setup, backup);
            s3.kill();
            List<ProcessHandle> killed = resticBackups().peek(ProcessHandle::destroyForcibly).toList();
            assertEquals(1, killed.size(), "one restic backup ran");
            s3.start();
            List<VolumeBackup> cut = backup.get(60, TimeUnit.SECONDS);
            assertEquals(List.of("failed"), cut.stream().map(VolumeBackup::state).toList(), cut::toString);
            assertEquals(null, cut.get(0).snapshot());
            assertTrue(!plain(setup, restic).require("list", "locks").isBlank(), "the dead restic's lock is still there");
        }
        VolumeTrees.write(volume.resolve("notes.txt"), "after the outage".getBytes());
        setup.writeConfig(""); // the agent restarted without the bandwidth limit (keeps the test short)
        try (Engine engine = Engine.open(setup.config())) {
            List<VolumeBackup> next = BackupAll.run(engine, "schedule", BackupListener.NONE);
            assertEquals(List.of("ok"), next.stream().map(VolumeBackup::state).toList(), next::toString);
            assertEquals(ExitCode.OK, RepositoryCheck.of(engine).run("schedule"),
                    () -> engine.catalog().runsOfKind("check", null, 1).toString());

            assertEquals("", plain(setup, restic).require("list", "locks").trim(), "the stale lock was removed");
            plain(setup, restic).require("check", "--read-data");
        }
    }

    private RemoteSetup setup(Path restic, String what, String extra) throws IOException {
        String bucket = what + "-" + ResticBinaries.versionOf(restic).replace(".", "");
        return RemoteSetup.create(tmp, restic, s3.repository(bucket, "k8s"),
                "AWS_ACCESS_KEY_ID=" + s3.accessKey() + "\nAWS_SECRET_ACCESS_KEY=" + s3.secretKey() + "\n", extra);
    }

    private PlainRestic plain(RemoteSetup setup, Path restic) {
        return new PlainRestic(restic, setup.repository(), setup.local().passwordFile(),
                Map.of("AWS_ACCESS_KEY_ID", s3.accessKey(), "AWS_SECRET_ACCESS_KEY", s3.secretKey()), List.of(),
                tmp.resolve("plain-cache"));
    }

    /** Waits until a pack file is arriving in the bucket (more than 64 KiB, less than all of it); returns it. */
    private static Path awaitPartialUpload(RemoteSetup setup, CompletableFuture<?> backup) throws Exception {
        String bucketAndPrefix = setup.repository().substring(setup.repository().indexOf("127.0.0.1:"));
        bucketAndPrefix = bucketAndPrefix.substring(bucketAndPrefix.indexOf('/') + 1);
        Path data = s3.dataDir().resolve(bucketAndPrefix).resolve("data");
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < deadline && !backup.isDone()) {
            if (Files.isDirectory(data)) {
                try (Stream<Path> files = Files.walk(data)) {
                    Optional<Path> growing = files.filter(Files::isRegularFile).filter(f -> size(f) > (64 << 10)).findFirst();
                    if (growing.isPresent()) {
                        return growing.get();
                    }
                }
            }
            Thread.sleep(20);
        }
        throw new AssertionError("no pack arrived in " + data + " within 30 s" + (backup.isDone() ? ": " + backup.get() : ""));
    }

    private static long size(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            return 0;
        }
    }

    /** The restic backup processes this JVM started. */
    private static Stream<ProcessHandle> resticBackups() {
        return ProcessHandle.current().descendants().filter(p -> p.info().arguments().map(List::of).orElse(List.of())
                .contains("backup") && p.info().command().orElse("").contains("restic"));
    }

    private static void writeRandom(Path file, int bytes) throws IOException {
        byte[] data = new byte[bytes];
        new Random(4711).nextBytes(data);
        Files.write(file, data);
        assertNotNull(file);
    }
}
