package org.claimback.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.claimback.outcome.ExitCode;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The keys of remote repositories: {@code repositoryEnvFile}, {@code repositoryOptions}, {@code copies}
 * and {@code limits}. Every refusal is one line {@code config FILE:LINE: key: what and how to fix},
 * exit 2, and never shows a value from an env file.
 */
class RemoteRepositoryConfigTest {
    private static final String SECRET = "wJalrXUtnFEMI-K7MDENG-bPxRfiCYEXAMPLEKEY";

    @TempDir
    Path tmp;
    Path password;
    Path env;

    @BeforeEach
    void files() throws Exception {
        password = tmp.resolve("pw");
        Files.writeString(password, "secret\n");
        env = tmp.resolve("s3.env");
        writeEnv("AWS_ACCESS_KEY_ID=AKIAEXAMPLE\nAWS_SECRET_ACCESS_KEY=" + SECRET + "\n");
    }

    private void writeEnv(String text) throws Exception {
        Files.writeString(env, text);
        Files.setPosixFilePermissions(env, PosixFilePermissions.fromString("rw-------"));
    }

    /** Lines 1-5; what follows starts at line 6. */
    private String base() {
        return "exports:\n  - path: /srv/nfs/k8s\nrepository: s3:https://s3.example.net/bucket/claimback\npasswordFile: " + password
                + "\ncatalog: /var/lib/claimback/catalog.db\n";
    }

    private Path write(String yaml) throws Exception {
        Path file = tmp.resolve("config.yaml");
        Files.writeString(file, yaml);
        return file;
    }

    /** The refusal of {@code yaml}: one line, exit 2, starting with {@code config FILE:LINE: key: }. */
    private String refused(String yaml, int line, String key) throws Exception {
        Path file = write(yaml);
        ConfigException e = assertThrows(ConfigException.class, () -> ConfigLoader.load(file));
        assertEquals(ExitCode.USAGE, e.exitCode());
        assertFalse(e.getMessage().contains("\n"), e.getMessage());
        assertFalse(e.getMessage().contains(SECRET), e.getMessage());
        String prefix = "config " + file + ":" + line + ": " + key + ": ";
        assertTrue(e.getMessage().startsWith(prefix), () -> "expected " + prefix + "...\n   got " + e.getMessage());
        return e.getMessage().substring(prefix.length());
    }

    private Path copyPassword() throws Exception {
        Path file = tmp.resolve("offsite.pw");
        Files.writeString(file, "offsite\n");
        return file;
    }

    @Test
    void reads_an_env_file_options_copies_and_limits() throws Exception {
        Config c = ConfigLoader.load(write(base() + "repositoryEnvFile: s3.env\nrepositoryOptions:\n  - s3.region=eu-west-1\n"
                + "copies:\n  - name: offsite\n    repository: sftp:backup@nas:/srv/restic\n    passwordFile: " + copyPassword()
                + "\n    repositoryOptions: [\"sftp.command=ssh -i /etc/claimback/id nas -s sftp\"]\n"
                + "limits:\n  upload: 2048\n  download: 4096\n"));

        assertEquals(env, c.repositoryEnvFile());
        assertEquals(List.of("s3.region=eu-west-1"), c.repositoryOptions());
        assertEquals(new LimitsConfig(2048, 4096), c.limits());
        RepositoryConfig offsite = c.copy("offsite");
        assertEquals("sftp:backup@nas:/srv/restic", offsite.repository());
        assertEquals(List.of("sftp.command=ssh -i /etc/claimback/id nas -s sftp"), offsite.options());
        assertNull(offsite.envFile());
        assertEquals(10, offsite.line());
        assertEquals(RepositoryConfig.PRIMARY, c.primary().name());
        assertEquals(env, c.primary().envFile());
    }

    @Test
    void refuses_a_missing_env_file() throws Exception {
        String problem = refused(base() + "repositoryEnvFile: missing.env\n", 6, "repositoryEnvFile");
        assertTrue(problem.startsWith(tmp.resolve("missing.env") + " does not exist"), problem);
    }

    @Test
    void refuses_an_env_file_others_may_read_with_chmod_600() throws Exception {
        Files.setPosixFilePermissions(env, PosixFilePermissions.fromString("rw-r--r--"));
        String problem = refused(base() + "repositoryEnvFile: s3.env\n", 6, "repositoryEnvFile");
        assertTrue(problem.endsWith("chmod 600 " + env), problem);
    }

    @Test
    void refuses_an_env_file_that_sets_the_password() throws Exception {
        writeEnv("AWS_ACCESS_KEY_ID=AKIAEXAMPLE\nRESTIC_PASSWORD=" + SECRET + "\n");
        String problem = refused(base() + "repositoryEnvFile: s3.env\n", 6, "repositoryEnvFile");
        assertTrue(problem.contains(" line 2 sets RESTIC_PASSWORD") && problem.contains("remove the line"), problem);
    }

    @Test
    void refuses_an_env_file_line_that_is_not_name_equals_value_without_showing_it() throws Exception {
        writeEnv("AWS_ACCESS_KEY_ID=AKIAEXAMPLE\n" + SECRET + "\n");
        String problem = refused(base() + "repositoryEnvFile: s3.env\n", 6, "repositoryEnvFile");
        assertTrue(problem.contains(" line 2 is not NAME=value"), problem);
    }

    @Test
    void refuses_an_option_that_is_not_backend_name_equals_value() throws Exception {
        String problem = refused(base() + "repositoryOptions:\n  - s3.region=eu-west-1\n  - nonsense\n", 8, "repositoryOptions[]");
        assertTrue(problem.startsWith("`nonsense` is not a restic option"), problem);
    }

    @Test
    void refuses_two_copies_of_one_name() throws Exception {
        String copy = "    repository: /srv/a\n    passwordFile: " + copyPassword() + "\n";
        String problem = refused(base() + "copies:\n  - name: offsite\n" + copy + "  - name: offsite\n"
                + copy.replace("/srv/a", "/srv/b"), 10, "copies[].name");
        assertTrue(problem.contains("names two copies"), problem);
    }

    @Test
    void refuses_a_copy_named_primary() throws Exception {
        String problem = refused(base() + "copies:\n  - name: primary\n    repository: /srv/a\n    passwordFile: " + copyPassword() + "\n",
                7, "copies[].name");
        assertTrue(problem.contains("not `primary`"), problem);
    }

    @Test
    void refuses_a_copy_into_the_primary_repository() throws Exception {
        String problem = refused(base() + "copies:\n  - name: offsite\n    repository: s3:https://s3.example.net/bucket/claimback\n"
                + "    passwordFile: " + copyPassword() + "\n", 8, "copies[].repository");
        assertTrue(problem.contains("a copy must be another repository"), problem);
    }

    @Test
    void refuses_a_copy_without_a_password_file() throws Exception {
        // the line is the copy's entry; the key is named as within the entry (as for claims[] and notify[])
        String problem = refused(base() + "copies:\n  - name: offsite\n    repository: /srv/a\n", 7, "passwordFile");
        assertTrue(problem.startsWith("missing: this key is required"), problem);
    }

    @Test
    void refuses_a_limit_of_text_or_zero() throws Exception {
        String text = refused(base() + "limits:\n  upload: fast\n", 7, "limits.upload");
        String zero = refused(base() + "limits:\n  download: 0\n", 7, "limits.download");
        assertFalse(text.isBlank(), text);
        assertFalse(zero.isBlank(), zero);
    }
}
