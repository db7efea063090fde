package org.claimback.doctor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import org.claimback.testing.PlainRestic;
import org.claimback.testing.ResticBinaries;
import org.claimback.testing.S3Server;
import org.claimback.testing.TestSetup;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code claimback doctor} against a real S3 server (s3proxy on loopback) for the primary and a copy:
 * it opens, a wrong password, a wrong secret key, the server stopped, a missing copy, an env file
 * others may read. No result ever holds the secret key or a password.
 */
class RemoteRepositoryCheckTest {
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

    /** A setup whose primary is {@code s3:.../BUCKET/primary} with an env file, plus {@code extra} YAML. */
    private DoctorSetup remote(Path restic, String extra) throws Exception {
        DoctorSetup doctor = DoctorSetup.create(tmp, restic);
        Path env = s3.writeEnvFile(tmp.resolve("etc/s3.env"));
        doctor.setup().writeConfig(extra);
        String config = Files.readString(doctor.setup().config()).replace("repository: " + doctor.setup().repository(),
                "repository: " + primary(restic) + "\nrepositoryEnvFile: " + env);
        Files.writeString(doctor.setup().config(), config);
        return doctor;
    }

    private String primary(Path restic) {
        return s3.repository(bucket(restic), "primary");
    }

    private String bucket(Path restic) {
        return "doctor-" + tmp.getFileName().toString().toLowerCase().replaceAll("[^a-z0-9]", "") + "-"
                + ResticBinaries.versionOf(restic).replace('.', '-');
    }

    private PlainRestic plain(Path restic, String repository, Path password) {
        return new PlainRestic(restic, repository, password,
                Map.of("AWS_ACCESS_KEY_ID", s3.accessKey(), "AWS_SECRET_ACCESS_KEY", s3.secretKey()), List.of(), tmp.resolve("cache"));
    }

    private static CheckResult result(List<CheckResult> results, String name) {
        return results.stream().filter(r -> r.name().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no check " + name + " in " + results));
    }

    private void assertNoSecret(List<CheckResult> results) {
        String all = results.toString();
        assertFalse(all.contains(s3.secretKey()), () -> "the secret key is shown: " + all);
        assertFalse(all.contains(TestSetup.PASSWORD), () -> "the password is shown: " + all);
    }

    private Path copyPassword() throws Exception {
        Path password = tmp.resolve("etc/offsite.password");
        Files.createDirectories(password.getParent());
        Files.writeString(password, "offsite password 9931\n");
        Files.setPosixFilePermissions(password, PosixFilePermissions.fromString("rw-------"));
        return password;
    }

    @ParameterizedTest(name = "restic {0}")
    @MethodSource("org.claimback.testing.ResticBinaries#all")
    void a_primary_that_opens_passes_and_a_copy_not_made_yet_is_a_warning(Path restic) throws Exception {
        Path copyPassword = copyPassword();
        String copy = s3.repository(bucket(restic), "offsite");
        DoctorSetup doctor = remote(restic, "copies:\n  - name: offsite\n    repository: " + copy + "\n    passwordFile: "
                + copyPassword + "\n    repositoryEnvFile: " + tmp.resolve("etc/s3.env") + "\n");
        plain(restic, primary(restic), doctor.setup().passwordFile()).init();

        List<CheckResult> results = Doctor.run(doctor.context());

        assertEquals(CheckResult.ok("repository", primary(restic) + " opens with the password in " + doctor.setup().passwordFile()),
                result(results, "repository"));
        assertEquals(CheckResult.warn("repository copy offsite", "no repository at " + copy + " yet: the first copy creates it"
                + " with the primary's chunker parameters (claimback copy --to offsite, or the agent after a scheduled backup)"),
                result(results, "repository copy offsite"));
        assertEquals(Status.OK, result(results, "secret-files").status(), results::toString);
        assertTrue(result(results, "secret-files").detail().contains(tmp.resolve("etc/s3.env").toString()), results::toString);
        assertTrue(result(results, "secret-files").detail().contains(copyPassword.toString()), results::toString);
        assertEquals(List.of("config", "restic", "password-file", "secret-files", "repository", "repository copy offsite"),
                results.stream().map(CheckResult::name).toList().subList(0, 6));
        assertNoSecret(results);

        plain(restic, copy, copyPassword).init();
        assertEquals(Status.OK, result(Doctor.run(doctor.context()), "repository copy offsite").status());
    }

    @ParameterizedTest(name = "restic {0}")
    @MethodSource("org.claimback.testing.ResticBinaries#all")
    void a_wrong_password_fails_as_a_wrong_password_not_as_an_unreachable_server(Path restic) throws Exception {
        DoctorSetup doctor = remote(restic, "");
        Path other = tmp.resolve("other.password");
        Files.writeString(other, "another password\n");
        plain(restic, primary(restic), other).init();

        CheckResult result = doctor.run(new RepositoryCheck());

        assertEquals(Status.FAIL, result.status(), result::toString);
        assertTrue(result.detail().startsWith("wrong password for repository " + primary(restic) + ": check passwordFile "
                + doctor.setup().passwordFile()), result::toString);
        assertNoSecret(List.of(result));
    }

    @ParameterizedTest(name = "restic {0}")
    @MethodSource("org.claimback.testing.ResticBinaries#all")
    void a_wrong_secret_key_fails_naming_the_repository_and_the_env_file_without_the_secret(Path restic) throws Exception {
        DoctorSetup doctor = remote(restic, "");
        plain(restic, primary(restic), doctor.setup().passwordFile()).init();
        s3.writeEnvFile(tmp.resolve("etc/s3.env"), "wrongsecretwrongsecretwrongsecret0000000");

        long started = System.nanoTime();
        CheckResult result = doctor.run(new RepositoryCheck());
        long seconds = (System.nanoTime() - started) / 1_000_000_000L;

        assertEquals(Status.FAIL, result.status(), result::toString);
        assertTrue(result.detail().startsWith("repository " + primary(restic) + " does not answer: "), result::toString);
        assertTrue(result.detail().contains("Forbidden"), result::toString);
        assertTrue(result.detail().endsWith("and the credentials in " + tmp.resolve("etc/s3.env")), result::toString);
        assertFalse(result.detail().contains("wrongsecret"), result::toString);
        assertTrue(seconds < 15, "answered in " + seconds + " s, not after restic's retries");
    }

    @ParameterizedTest(name = "restic {0}")
    @MethodSource("org.claimback.testing.ResticBinaries#all")
    void a_stopped_server_fails_within_seconds_with_a_line_naming_the_repository(Path restic) throws Exception {
        DoctorSetup doctor = remote(restic, "");
        plain(restic, primary(restic), doctor.setup().passwordFile()).init();
        CheckResult result;
        long seconds;
        s3.kill();
        try {
            long started = System.nanoTime();
            result = doctor.run(new RepositoryCheck());
            seconds = (System.nanoTime() - started) / 1_000_000_000L;
        } finally {
            s3.start();
        }

        assertEquals(Status.FAIL, result.status(), result::toString);
        assertTrue(result.detail().startsWith("repository " + primary(restic) + " does not answer: "), result::toString);
        assertTrue(result.detail().contains("connection refused"), result::toString);
        assertTrue(result.detail().contains("check that its server runs and is reachable from here"), result::toString);
        assertNoSecret(List.of(result));
        assertTrue(seconds < 15, "answered in " + seconds + " s, not after restic's retries");
        assertEquals(Status.OK, doctor.run(new RepositoryCheck()).status(), "back once the server is");
    }

    @Test
    void an_env_file_others_may_read_fails_the_config_with_chmod_600_and_skips_the_repository() throws Exception {
        DoctorSetup doctor = remote(ResticBinaries.v014(), "");
        Path env = tmp.resolve("etc/s3.env");
        Files.setPosixFilePermissions(env, PosixFilePermissions.fromString("rw-r--r--"));

        List<CheckResult> results = Doctor.run(doctor.context());

        CheckResult config = result(results, "config");
        assertEquals(Status.FAIL, config.status(), results::toString);
        assertTrue(config.detail().contains("repositoryEnvFile") && config.detail().contains("chmod 600 " + env), config::toString);
        assertEquals(Status.SKIP, result(results, "repository").status(), results::toString);
        assertNoSecret(results);
    }

    @Test
    void an_env_file_owned_by_another_user_is_a_warning_with_chown() throws Exception {
        DoctorSetup doctor = remote(ResticBinaries.v014(), "");
        Path env = tmp.resolve("etc/s3.env");
        Files.setOwner(env, env.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName("nobody"));

        CheckResult result = doctor.run(new SecretFilesCheck());

        assertEquals(CheckResult.warn("secret-files", env + " holds the repository's credentials but it is owned by nobody,"
                + " who can read or replace it: chown root: " + env), result);
    }
}
