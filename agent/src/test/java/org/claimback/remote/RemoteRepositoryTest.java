package org.claimback.remote;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.claimback.backup.BackupListener;
import org.claimback.backup.RunStates;
import org.claimback.backup.VolumeBackup;
import org.claimback.catalog.ClaimRecord;
import org.claimback.config.ConfigLoader;
import org.claimback.engine.Engine;
import org.claimback.restic.ResticException;
import org.claimback.restore.RestoredClaim;
import org.claimback.schedule.BackupAll;
import org.claimback.testing.PlainRestic;
import org.claimback.testing.ResticBinaries;
import org.claimback.testing.S3Server;
import org.claimback.testing.SshdServer;
import org.claimback.testing.TestSetup;
import org.claimback.testing.TreeManifest;
import org.claimback.testing.VolumeTrees;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Claims backed up to and restored from remote repositories on real loopback servers: S3 (s3proxy,
 * credentials from {@code repositoryEnvFile}) and sftp (OpenSSH, the ssh command in
 * {@code repositoryOptions}), with restic 0.14 and 0.18. Secrets stay out of every process's
 * argv, the catalogue and the log; {@code limits:} reach restic's argv.
 */
class RemoteRepositoryTest {
    @TempDir
    static Path serverDir;
    private static S3Server s3;
    private static SshdServer sshd;

    @TempDir
    Path tmp;

    @BeforeAll
    static void startServers() throws Exception {
        s3 = S3Server.start(serverDir.resolve("s3"));
        sshd = SshdServer.start(serverDir.resolve("sshd"));
    }

    @AfterAll
    static void stopServers() {
        if (s3 != null) {
            s3.close();
        }
        if (sshd != null) {
            sshd.close();
        }
    }

    /** A TestSetup whose repository is {@code repository}, with {@code extra} top-level YAML (env file, options, limits). */
    private TestSetup remote(Path restic, String repository, String extra) throws Exception {
        TestSetup setup = TestSetup.createWithoutRepository(tmp, restic);
        setup.writeConfig(extra);
        Files.writeString(setup.config(), Files.readString(setup.config())
                .replace("repository: " + setup.repository() + "\n", "repository: " + repository + "\n"));
        return setup;
    }

    /** An S3 setup in its own bucket, with the env file written and the repository made by plain restic. */
    private TestSetup s3Setup(Path restic, String extra) throws Exception {
        String repository = s3.repository(bucket(restic), "claimback");
        Path env = s3.writeEnvFile(tmp.resolve("etc/s3.env"));
        TestSetup setup = remote(restic, repository, "repositoryEnvFile: " + env + "\n" + extra);
        new PlainRestic(restic, repository, setup.passwordFile(),
                Map.of("AWS_ACCESS_KEY_ID", s3.accessKey(), "AWS_SECRET_ACCESS_KEY", s3.secretKey()), List.of(), tmp.resolve("plain-cache"))
                .init();
        return setup;
    }

    private String bucket(Path restic) {
        return "remote-" + tmp.getFileName().toString().toLowerCase().replaceAll("[^a-z0-9]", "") + "-"
                + ResticBinaries.versionOf(restic).replace('.', '-');
    }

    private static List<VolumeBackup> backUp(Engine engine) {
        engine.repositoryAccess().readyForBackup();
        return engine.backupEngine().backup(BackupAll.liveVolumes(engine), "cli", BackupListener.NONE);
    }

    private static void assertRestoresIdentically(Engine engine, Path volume, Path into) throws Exception {
        ClaimRecord claim = engine.claimResolver().resolve("shop/web");
        RestoredClaim restored = engine.restoreEngine().restore(claim, null, into, false, "cli");
        assertEquals(into, restored.target());
        assertEquals(List.of(), TreeManifest.of(volume).differences(TreeManifest.of(into)), "restored tree differs");
    }

    @ParameterizedTest(name = "restic {0}")
    @MethodSource("org.claimback.testing.ResticBinaries#all")
    void a_claim_backed_up_to_s3_restores_into_an_identical_tree(Path restic) throws Exception {
        TestSetup setup = s3Setup(restic, "");
        Path volume = VolumeTrees.realistic(setup.export().newVolume("shop", "web"), 7);

        try (Engine engine = Engine.open(ConfigLoader.load(setup.config()))) {
            List<VolumeBackup> results = backUp(engine);

            assertEquals(1, results.size(), results::toString);
            assertEquals(RunStates.OK, results.get(0).state(), results::toString);
            assertRestoresIdentically(engine, volume, tmp.resolve("restored"));
        }
        assertFalse(Files.exists(setup.repository()), "nothing was written to a local repository");
        assertTrue(Files.isDirectory(s3.dataDir().resolve(bucket(restic))), "the snapshot went to the S3 bucket");
    }

    @ParameterizedTest(name = "restic {0}")
    @MethodSource("org.claimback.testing.ResticBinaries#all")
    void a_claim_backed_up_over_sftp_restores_into_an_identical_tree(Path restic) throws Exception {
        Path remoteDir = tmp.resolve("sftp-server/repo");
        String repository = sshd.repository(remoteDir.toString());
        StringBuilder options = new StringBuilder("repositoryOptions:\n");
        sshd.repositoryOptions().forEach(o -> options.append("  - \"").append(o).append("\"\n"));
        TestSetup setup = remote(restic, repository, options.toString());
        new PlainRestic(restic, repository, setup.passwordFile(), Map.of(), sshd.repositoryOptions(), tmp.resolve("plain-cache")).init();
        Path volume = VolumeTrees.realistic(setup.export().newVolume("shop", "web"), 11);

        try (Engine engine = Engine.open(ConfigLoader.load(setup.config()))) {
            List<VolumeBackup> results = backUp(engine);

            assertEquals(RunStates.OK, results.get(0).state(), results::toString);
            assertRestoresIdentically(engine, volume, tmp.resolve("restored"));
        }
        try (var snapshots = Files.list(remoteDir.resolve("snapshots"))) {
            assertEquals(1, snapshots.count(), "the snapshot is on the sftp server's disk");
        }
    }

    @Test
    void a_missing_remote_repository_is_not_created_by_a_backup() throws Exception {
        Path restic = ResticBinaries.v018();
        String repository = s3.repository("never-made", "claimback");
        TestSetup setup = remote(restic, repository, "repositoryEnvFile: " + s3.writeEnvFile(tmp.resolve("etc/s3.env")) + "\n");
        VolumeTrees.write(setup.export().newVolume("shop", "web").resolve("file"), "data".getBytes());

        try (Engine engine = Engine.open(ConfigLoader.load(setup.config()))) {
            String error;
            try {
                List<VolumeBackup> results = backUp(engine);
                assertEquals(RunStates.FAILED, results.get(0).state(), results::toString);
                error = results.get(0).error();
            } catch (ResticException e) { // a failure every backup shares may stop the batch instead
                assertEquals(ResticException.Kind.REPOSITORY_MISSING, e.kind(), e::details);
                error = e.getMessage();
            }
            assertTrue(error.contains("no restic repository at " + repository), error);
            assertEquals(0, engine.catalog().snapshots().size(), "nothing recorded as backed up");
        }
        assertFalse(Files.exists(s3.dataDir().resolve("never-made")), "claimback made no bucket");
    }

    @ParameterizedTest(name = "restic {0}")
    @MethodSource("org.claimback.testing.ResticBinaries#all")
    void no_secret_reaches_a_process_list_the_catalogue_or_the_log_and_limits_reach_restic(Path restic) throws Exception {
        TestSetup setup = s3Setup(restic, "limits:\n  upload: 512\n  download: 640\n");
        Path volume = setup.export().newVolume("shop", "web");
        VolumeTrees.write(volume.resolve("random.bin"), VolumeTrees.bytes(new Random(3), 1024 * 1024)); // about 2 s at 512 KiB/s
        List<String> secrets = List.of(s3.secretKey(), s3.accessKey(), TestSetup.PASSWORD);

        ByteArrayOutputStream log = new ByteArrayOutputStream();
        PrintStream err = System.err;
        List<VolumeBackup> results;
        ProcessLists seen;
        try (ProcessLists lists = ProcessLists.watch(secrets, s3.repository(bucket(restic), "claimback"))) {
            System.setErr(new PrintStream(log, true, StandardCharsets.UTF_8));
            try (Engine engine = Engine.open(ConfigLoader.load(setup.config()))) {
                results = backUp(engine);
                engine.restoreEngine().restore(engine.claimResolver().resolve("shop/web"), null, tmp.resolve("restored"), false, "cli");
            } finally {
                System.setErr(err);
            }
            seen = lists;
        }
        String logged = log.toString(StandardCharsets.UTF_8);
        err.print(logged);

        assertEquals(RunStates.OK, results.get(0).state(), results::toString);
        assertEquals(List.of(), seen.secretsSeen(), "a secret was in some process's argv");
        String backup = seen.resticCommandLines().stream().filter(c -> c.contains(" backup ")).findFirst()
                .orElseThrow(() -> new AssertionError("no restic backup seen in the process list: " + seen.resticCommandLines()));
        assertTrue(backup.contains(" --limit-upload 512 --limit-download 640 "), backup);
        assertTrue(seen.resticCommandLines().stream().anyMatch(c -> c.contains(" restore ") && c.contains("--limit-download 640")),
                seen.resticCommandLines()::toString);
        assertTrue(logged.contains("backing up shop/web"), "the log was captured: " + logged);
        for (String secret : secrets) {
            assertFalse(logged.contains(secret), "a secret is in the log");
            for (Path file : catalogFiles(setup)) {
                assertFalse(new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1).contains(secret), "a secret is in " + file);
            }
        }
    }

    @ParameterizedTest(name = "restic {0}")
    @MethodSource("org.claimback.testing.ResticBinaries#all")
    void a_wrong_secret_key_fails_the_backup_with_one_line_naming_the_repository_without_the_secret(Path restic) throws Exception {
        // restic 0.18 would retry the refused request for 15 minutes: claimback stops it at its first retry
        TestSetup setup = s3Setup(restic, "");
        s3.writeEnvFile(tmp.resolve("etc/s3.env"), "wrongsecretwrongsecretwrongsecret0000000");
        VolumeTrees.write(setup.export().newVolume("shop", "web").resolve("file"), "data".getBytes());
        String repository = s3.repository(bucket(restic), "claimback");

        try (Engine engine = Engine.open(ConfigLoader.load(setup.config()))) {
            long start = System.nanoTime();
            List<VolumeBackup> results = backUp(engine);

            String error = results.get(0).error();
            assertTrue((System.nanoTime() - start) / 1_000_000_000L < 60, "answered within a minute");
            assertEquals(RunStates.FAILED, results.get(0).state(), results::toString);
            assertTrue(error.contains(repository) && error.contains("Forbidden"), error);
            assertFalse(error.contains("\n"), error);
            assertFalse(error.contains("wrongsecret") || error.contains(s3.secretKey()), error);
            assertEquals(0, engine.catalog().snapshots().size(), "nothing recorded as backed up");
        }
    }

    @Test
    void the_process_list_watcher_sees_a_secret_in_any_argv() throws Exception {
        String marker = "watcher-control-" + System.nanoTime();
        Process shown = new ProcessBuilder("sh", "-c", "sleep 0.5", marker).start();
        List<String> seen;
        try (ProcessLists lists = ProcessLists.watch(List.of(marker), "none")) {
            shown.waitFor();
            seen = lists.secretsSeen();
        }
        assertEquals(1, seen.size(), seen::toString);
        assertTrue(seen.get(0).contains("sh -c sleep 0.5 <SECRET>"), seen::toString);
    }

    private static List<Path> catalogFiles(TestSetup setup) throws Exception {
        try (var files = Files.list(setup.catalog().getParent())) {
            List<Path> all = files.filter(Files::isRegularFile).toList();
            assertTrue(all.contains(setup.catalog()), all::toString);
            return all;
        }
    }
}
