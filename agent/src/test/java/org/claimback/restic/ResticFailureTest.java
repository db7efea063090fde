package org.claimback.restic;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.List;
import org.claimback.restic.ResticException.Kind;
import org.junit.jupiter.api.Test;

/** How a failed run is classified and said, from the stderr both versions really print. */
class ResticFailureTest {
    private final Restic restic = new Restic(ResticSettings.of(Path.of("/usr/bin/restic"),
            "rest:https://u:p@backup.example:8000/k8s", Path.of("/etc/claimback/repository.password")));

    @Test
    void should_tell_0_14_failures_apart_by_their_text() {
        assertEquals(Kind.WRONG_PASSWORD, Restic.classify(1, "Fatal: wrong password or no key found"));
        assertEquals(Kind.LOCKED, Restic.classify(1, "unable to create lock in backend: repository is already locked"
                + " exclusively by PID 4184 on vm by root (UID 0, GID 0)\nlock was created at 2026-11-25 13:07:06"));
        assertEquals(Kind.REPOSITORY_MISSING, Restic.classify(1, "Fatal: unable to open config file: stat"
                + " /r/config: no such file or directory\nIs there a repository at the following location?\n/r"));
    }

    @Test
    void should_not_call_an_unreachable_server_a_missing_repository() {
        assertEquals(Kind.UNREACHABLE, Restic.classify(1, "Fatal: unable to open config file: client.Head: Head"
                + " \"http://user:***@127.0.0.1:1/config\": dial tcp 127.0.0.1:1: connect: connection refused\n"
                + "Is there a repository at the following location?\nrest:http://user:***@127.0.0.1:1/"));
    }

    @Test
    void should_trust_the_exit_codes_of_newer_versions() {
        assertEquals(Kind.REPOSITORY_MISSING, Restic.classify(10, ""));
        assertEquals(Kind.LOCKED, Restic.classify(11, ""));
        assertEquals(Kind.WRONG_PASSWORD, Restic.classify(12, ""));
        assertEquals(Kind.FAILED, Restic.classify(1, "Fatal: There were 3 errors"));
        assertEquals(Kind.FAILED, Restic.classify(130, ""));
    }

    @Test
    void should_say_what_failed_in_one_line_with_the_repository_redacted() {
        ResticException e = restic.failure(new ResticRun("restore", "/usr/bin/restic restore x", 1,
                List.of("ignoring error for /sub: mkdir /t/sub: not a directory", "Fatal: There were 3 errors"),
                "There were 3 errors"));

        assertEquals(Kind.FAILED, e.kind());
        assertEquals("restic restore failed (exit 1) on repository rest:https://backup.example:8000/k8s:"
                + " There were 3 errors", e.getMessage());
    }

    @Test
    void should_name_the_lock_holder() {
        ResticException e = restic.failure(new ResticRun("backup", "/usr/bin/restic backup", 11, List.of(
                "unable to create lock in backend: repository is already locked exclusively by PID 4266 on vm by root"
                        + " (UID 0, GID 0)", "lock was created at 2026-11-25 13:07:10 (1.989661362s ago)"), ""));

        assertEquals("repository rest:https://backup.example:8000/k8s is locked by another restic process"
                + " (PID 4266 on vm by root, exclusive): wait, or see `restic list locks`"
                + " (a lock whose process is gone goes with `restic unlock`)", e.getMessage());
    }

    @Test
    void should_point_at_the_password_file_when_restic_cannot_read_it() {
        ResticException e = restic.failure(new ResticRun("snapshots", "/usr/bin/restic snapshots --json", 1,
                List.of("Resolving password failed: Fatal: /etc/claimback/repository.password does not exist"),
                "Resolving password failed: Fatal: /etc/claimback/repository.password does not exist"));

        assertEquals(Kind.FAILED, e.kind());
        assertEquals("cannot read the password file /etc/claimback/repository.password (Resolving password failed:"
                + " Fatal: /etc/claimback/repository.password does not exist): fix passwordFile in the config",
                e.getMessage());
    }

    @Test
    void a_refused_s3_request_is_no_missing_repository_even_when_the_repository_url_holds_the_digits_404() {
        String refused = "Fatal: unable to open config file: Stat: Forbidden\nIs there a repository at the following location?\n"
                + "s3:http://127.0.0.1:40197/cli-junit16576715210440453001-0-14-0/claimback";
        assertEquals(Kind.FAILED, Restic.classify(1, refused));
        assertEquals(Kind.REPOSITORY_MISSING, Restic.classify(1, "Fatal: unable to open config file: Stat: 404 Not Found"
                + "\nIs there a repository at the following location?\ns3:http://127.0.0.1:9000/b404/repo"));
        assertEquals(Kind.REPOSITORY_MISSING, Restic.classify(1, "Fatal: unable to open config file: <config/> (404)"));
    }
}
