package org.claimback.restic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.claimback.restic.ResticException.Kind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** What real restic cannot be made to do on demand: be missing, be too old, record its argv. */
@Timeout(60)
@ExtendWith(ShowResticDetails.class)
class ResticFakeBinaryTest {
    private static final String SECRET = "sekrit-4711";
    private static final String REPOSITORY = "rest:http://claimback:" + SECRET + "@127.0.0.1:1/";

    @TempDir
    Path tmp;

    @Test
    void should_say_not_installed_when_the_binary_is_missing() {
        Path missing = tmp.resolve("bin/restic");
        Restic restic = new Restic(ResticSettings.of(missing, tmp.resolve("repo").toString(), tmp.resolve("pw")));

        ResticException e = assertThrows(ResticException.class, restic::version);

        assertEquals(Kind.NOT_INSTALLED, e.kind());
        assertEquals("restic not found at " + missing + ": install it (apt-get install restic) or set restic.binary"
                + " in the config", e.getMessage());
        assertEquals(Kind.NOT_INSTALLED, assertThrows(ResticException.class,
                () -> restic.backup(new BackupRequest(tmp, "h", List.of()), p -> {})).kind());
    }

    @Test
    void should_say_not_installed_when_restic_is_not_on_the_path() {
        Restic restic = new Restic(ResticSettings.of(Path.of("restic-installed-nowhere"), "/repo", tmp.resolve("pw")));

        ResticException e = assertThrows(ResticException.class, restic::repositoryExists);

        assertEquals(Kind.NOT_INSTALLED, e.kind());
        assertEquals("restic not found on PATH (looked for `restic-installed-nowhere`): install it (apt-get install"
                + " restic) or set restic.binary in the config", e.getMessage());
    }

    @Test
    void should_say_not_installed_when_the_binary_is_not_executable() throws IOException {
        Path binary = FakeRestic.write(tmp, "0.18.0", "exit 0");
        Files.setPosixFilePermissions(binary, PosixFilePermissions.fromString("rw-r--r--"));

        ResticException e = assertThrows(ResticException.class,
                () -> new Restic(ResticSettings.of(binary, "/repo", tmp.resolve("pw"))).version());

        assertEquals(Kind.NOT_INSTALLED, e.kind());
        assertTrue(e.getMessage().startsWith("restic at " + binary + " is not executable: install it"), e.getMessage());
    }

    @Test
    void should_refuse_a_restic_older_than_0_14() throws IOException {
        Path binary = FakeRestic.write(tmp, "0.12.1", "exit 0");

        ResticException e = assertThrows(ResticException.class,
                () -> new Restic(ResticSettings.of(binary, "/repo", tmp.resolve("pw"))).version());

        assertEquals(Kind.UNSUPPORTED_VERSION, e.kind());
        assertEquals("restic at " + binary + " is 0.12.1, claimback needs 0.14.0 or newer: install a newer restic"
                + " or set restic.binary in the config", e.getMessage());
    }

    @Test
    void should_refuse_a_binary_that_is_not_restic() throws IOException {
        Path binary = tmp.resolve("not-restic");
        Files.writeString(binary, "#!/bin/sh\necho 'GNU coreutils 9.1'\n");
        Files.setPosixFilePermissions(binary, PosixFilePermissions.fromString("rwxr-xr-x"));

        ResticException e = assertThrows(ResticException.class,
                () -> new Restic(ResticSettings.of(binary, "/repo", tmp.resolve("pw"))).version());

        assertEquals(Kind.UNSUPPORTED_VERSION, e.kind());
        assertTrue(e.getMessage().startsWith(binary + " is not restic: `" + binary + " version` printed \"GNU"),
                e.getMessage());
    }

    @ParameterizedTest(name = "restic {0}")
    @ValueSource(strings = {"0.14.0", "0.18.0"})
    void should_keep_the_password_and_repository_credentials_out_of_argv_and_logs(String version) throws IOException {
        Path record = tmp.resolve("calls");
        Path binary = FakeRestic.write(tmp, version, String.join("\n",
                "{ printf 'ARG %s\\n' \"$@\"; echo END; } >> " + record + ".argv",
                "{ echo \"RESTIC_REPOSITORY=$RESTIC_REPOSITORY\"; echo \"RESTIC_PASSWORD_FILE=$RESTIC_PASSWORD_FILE\";"
                        + " echo \"PWD=$PWD\"; echo \"CWD=$(pwd -P)\"; } >> " + record + ".env",
                "case \"$1\" in",
                "  cat) echo 'Fatal: unable to open config file: <config/> does not exist' >&2;"
                        + " echo 'Is there a repository at the following location?' >&2; echo \"$RESTIC_REPOSITORY\" >&2; exit 1;;",
                "  backup) echo '{\"message_type\":\"summary\",\"files_new\":1,\"snapshot_id\":\"0123abcd\"}';;",
                "  snapshots) echo '[]';;",
                "  restore) echo '{\"message_type\":\"summary\",\"files_restored\":1,\"bytes_restored\":5}';;",
                "esac"));
        Path passwordFile = tmp.resolve("repository.password");
        Files.writeString(passwordFile, SECRET + "\n");
        Path dir = Files.createDirectories(tmp.resolve("volume"));
        Restic restic = new Restic(new ResticSettings(binary, REPOSITORY, passwordFile,
                Map.of("AWS_SECRET_ACCESS_KEY", SECRET), tmp.resolve("cache")));

        PrintStream stderr = System.err;
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        boolean exists;
        try {
            System.setErr(new PrintStream(log, true, StandardCharsets.UTF_8));
            exists = restic.repositoryExists();
            restic.init();
            restic.backup(new BackupRequest(dir, "h", List.of("claimback")), p -> {});
            restic.snapshots(SnapshotFilter.tagged("claimback"));
            restic.restore(new RestoreRequest("0123abcd", tmp.resolve("target"), false));
        } finally {
            System.setErr(stderr);
        }

        assertFalse(exists, "'does not exist' after 'unable to open config file' means missing");
        List<List<String>> calls = calls(Files.readString(Path.of(record + ".argv")));
        assertEquals(List.of(List.of("cat", "config", "--json"),
                version.equals("0.14.0") ? List.of("init") : List.of("init", "--json"),
                List.of("backup", ".", "--host", "h", "--tag", "claimback", "--json"),
                List.of("snapshots", "--json", "--tag", "claimback"),
                version.equals("0.14.0") ? List.of("restore", "0123abcd", "--target", tmp.resolve("target").toString(), "--no-lock")
                        : List.of("restore", "0123abcd", "--target", tmp.resolve("target").toString(), "--no-lock", "--json")),
                calls);
        assertFalse(Files.readString(Path.of(record + ".argv")).contains(SECRET));
        List<String> env = Files.readAllLines(Path.of(record + ".env"));
        assertTrue(env.contains("RESTIC_PASSWORD_FILE=" + passwordFile), env.toString());
        assertTrue(env.contains("RESTIC_REPOSITORY=" + REPOSITORY), env.toString());
        assertTrue(env.contains("PWD=" + dir), "backup runs in the volume: " + env);
        assertTrue(env.contains("CWD=" + dir.toRealPath()), "backup runs in the volume: " + env);
        String logged = log.toString(StandardCharsets.UTF_8);
        assertTrue(logged.contains("restic cat: Is there a repository at the following location?"), logged);
        assertTrue(logged.contains("restic cat: rest:http://127.0.0.1:1/"), "repository redacted in the log: " + logged);
        assertFalse(logged.contains(SECRET), logged);
    }

    @Test
    void should_name_the_repository_without_its_credentials_in_messages() throws IOException {
        Path binary = FakeRestic.write(tmp, "0.18.0", "echo '{\"message_type\":\"exit_error\",\"code\":12,"
                + "\"message\":\"Fatal: wrong password or no key found\"}' >&2; exit 12");
        Restic restic = new Restic(ResticSettings.of(binary, REPOSITORY, tmp.resolve("pw")));

        ResticException e = assertThrows(ResticException.class, () -> restic.snapshots(SnapshotFilter.ALL));

        assertEquals(Kind.WRONG_PASSWORD, e.kind());
        assertEquals("wrong password for repository rest:http://127.0.0.1:1/: check passwordFile " + tmp.resolve("pw"),
                e.getMessage());
        assertEquals(List.of("Fatal: wrong password or no key found"), e.stderrTail());
        assertFalse(e.details().contains(SECRET), e.details());
        assertFalse(restic.settings().toString().contains(SECRET), restic.settings().toString());
    }

    @Test
    void should_never_remove_live_locks() throws IOException {
        Restic restic = new Restic(ResticSettings.of(FakeRestic.write(tmp, "0.18.0", "exit 0"), "/repo", tmp.resolve("pw")));

        assertThrows(IllegalArgumentException.class,
                () -> restic.run(List.of("unlock", "--remove-all"), null, LineSink.DISCARD));
    }

    @Test
    void should_hand_the_progress_consumers_failure_to_the_caller_after_restic_ends() throws IOException {
        Path binary = FakeRestic.write(tmp, "0.18.0", String.join("\n",
                "for i in 1 2 3; do echo '{\"message_type\":\"status\",\"percent_done\":0.5,\"total_files\":2}'; done",
                "echo '{\"message_type\":\"summary\",\"snapshot_id\":\"0123abcd\"}'"));
        Restic restic = new Restic(ResticSettings.of(binary, "/repo", tmp.resolve("pw")));
        List<BackupProgress> seen = new ArrayList<>();

        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> restic.backup(new BackupRequest(tmp, "h", List.of()), p -> {
                    seen.add(p);
                    throw new IllegalStateException("listener broke");
                }));

        assertEquals("listener broke", e.getMessage());
        assertEquals(List.of(new BackupProgress(0.5, 0, 0, 0, 2, null)), seen);
    }

    private static List<List<String>> calls(String argv) {
        List<List<String>> calls = new ArrayList<>();
        List<String> current = new ArrayList<>();
        for (String line : argv.split("\n")) {
            if (line.equals("END")) {
                calls.add(current);
                current = new ArrayList<>();
            } else {
                current.add(line.substring("ARG ".length()));
            }
        }
        return calls;
    }
}
