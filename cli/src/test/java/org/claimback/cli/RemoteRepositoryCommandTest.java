package org.claimback.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.claimback.testing.PlainRestic;
import org.claimback.testing.ResticBinaries;
import org.claimback.testing.S3Server;
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
 * The command line over an S3 repository (s3proxy on loopback, credentials in {@code repositoryEnvFile}):
 * backup, backups, runs, restore and doctor work, and none of their output (text or {@code --json})
 * holds the secret key, the access key or the repository password.
 */
class RemoteRepositoryCommandTest {
    @TempDir
    static Path serverDir;
    private static S3Server s3;

    @TempDir
    Path tmp;

    @BeforeAll
    static void startServer() throws Exception {
        s3 = S3Server.start(serverDir);
    }

    @AfterAll
    static void stopServer() {
        if (s3 != null) {
            s3.close();
        }
    }

    private String repository(Path restic) {
        return s3.repository("cli-" + tmp.getFileName().toString().toLowerCase().replaceAll("[^a-z0-9]", "") + "-"
                + ResticBinaries.versionOf(restic).replace('.', '-'), "claimback");
    }

    private TestSetup s3Setup(Path restic) throws Exception {
        TestSetup setup = TestSetup.create(tmp, restic);
        Path env = s3.writeEnvFile(tmp.resolve("etc/s3.env"));
        setup.writeConfig("repositoryEnvFile: " + env + "\n");
        Files.writeString(setup.config(), Files.readString(setup.config())
                .replace("repository: " + setup.repository() + "\n", "repository: " + repository(restic) + "\n"));
        new PlainRestic(restic, repository(restic), setup.passwordFile(),
                Map.of("AWS_ACCESS_KEY_ID", s3.accessKey(), "AWS_SECRET_ACCESS_KEY", s3.secretKey()), List.of(), tmp.resolve("plain-cache"))
                .init();
        return setup;
    }

    private void assertNoSecret(CliRun run) {
        for (String secret : List.of(s3.secretKey(), s3.accessKey(), TestSetup.PASSWORD)) {
            assertFalse(run.out().contains(secret) || run.err().contains(secret), () -> "a secret in the output of\n" + run);
        }
    }

    private CliRun cli(TestSetup setup, String... args) {
        String[] all = new String[args.length + 2];
        all[0] = "--config";
        all[1] = setup.config().toString();
        System.arraycopy(args, 0, all, 2, args.length);
        CliRun run = CliRun.of(all);
        assertNoSecret(run);
        return run;
    }

    @ParameterizedTest(name = "restic {0}")
    @MethodSource("org.claimback.testing.ResticBinaries#all")
    void backup_backups_runs_restore_and_doctor_work_on_s3_and_print_no_secret(Path restic) throws Exception {
        TestSetup setup = s3Setup(restic);
        Path volume = VolumeTrees.realistic(setup.export().newVolume("shop", "web"), 5);
        Files.writeString(tmp.resolve("exports"), setup.export().root() + " *(rw,sync,no_subtree_check)\n");

        CliRun backup = cli(setup, "backup", "--all", "--json");
        CliRun backups = cli(setup, "backups", "shop/web", "--json");
        CliRun runs = cli(setup, "runs", "--json");
        CliRun restore = cli(setup, "restore", "shop/web", "--into", tmp.resolve("restored").toString(), "--json");
        CliRun doctor = cli(setup, "doctor", "--exports", tmp.resolve("exports").toString(), "--exports-d", tmp.resolve("exports.d").toString());

        assertEquals(0, backup.exitCode(), backup::toString);
        assertEquals(0, backups.exitCode(), backups::toString);
        assertTrue(backups.out().contains("\"claim\""), backups::toString);
        assertEquals(0, runs.exitCode(), runs::toString);
        assertTrue(runs.out().contains("\"backup\""), runs::toString);
        assertEquals(0, restore.exitCode(), restore::toString);
        assertEquals(List.of(), TreeManifest.of(volume).differences(TreeManifest.of(tmp.resolve("restored"))));
        assertTrue(doctor.out().contains("ok    repository      " + repository(restic) + " opens"), doctor::toString);
        for (Path file : List.of(setup.catalog(), setup.catalog().resolveSibling(setup.catalog().getFileName() + "-wal"))) {
            if (Files.exists(file)) {
                String bytes = new String(Files.readAllBytes(file), java.nio.charset.StandardCharsets.ISO_8859_1);
                assertFalse(bytes.contains(s3.secretKey()) || bytes.contains(s3.accessKey()), "a secret in " + file);
            }
        }
    }

    @Test
    void a_wrong_secret_key_is_one_line_on_stderr_naming_the_repository_and_exit_1() throws Exception {
        // restic 0.14 only: restic 0.18 retries a refused request for 15 minutes before it fails
        TestSetup setup = s3Setup(ResticBinaries.v014());
        s3.writeEnvFile(tmp.resolve("etc/s3.env"), "wrongsecretwrongsecretwrongsecret0000000");
        VolumeTrees.write(setup.export().newVolume("shop", "web").resolve("file"), "data".getBytes());

        CliRun backup = cli(setup, "backup", "--all");

        assertEquals(1, backup.exitCode(), backup::toString);
        assertTrue(backup.err().contains(repository(ResticBinaries.v014())), backup::toString);
        assertFalse(backup.err().contains("wrongsecret"), backup::toString);
    }

    @ParameterizedTest(name = "restic {0}")
    @MethodSource("org.claimback.testing.ResticBinaries#all")
    void a_wrong_secret_key_fails_a_backup_at_once_in_one_line_also_where_restic_would_retry_for_15_minutes(Path restic)
            throws Exception {
        TestSetup setup = s3Setup(restic);
        VolumeTrees.write(setup.export().newVolume("media", "library").resolve("song.flac"), "la la".getBytes());
        s3.writeEnvFile(tmp.resolve("etc/s3.env"), "not-the-secret-key-at-all-0000000000000");
        long start = System.nanoTime();

        CliRun backup = cli(setup, "backup", "--all");

        long seconds = (System.nanoTime() - start) / 1_000_000_000L;
        assertEquals(1, backup.exitCode(), backup::toString);
        assertTrue(seconds < 60, "took " + seconds + " s\n" + backup);
        List<String> failed = backup.err().lines().filter(l -> l.startsWith("media-library: failed: ")).toList();
        assertEquals(1, failed.size(), backup::toString);
        assertTrue(failed.get(0).contains("Forbidden") && failed.get(0).contains(repository(restic)), backup::toString);
        assertFalse(backup.err().contains("not-the-secret-key"), backup::toString);
    }
}
