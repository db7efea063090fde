package org.claimback.restic;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.List;
import org.claimback.restic.ResticException.Kind;
import org.junit.jupiter.api.Test;

/**
 * An unreachable server told apart from restic's stderr. The texts are what restic 0.14.0 and
 * 0.18.0 printed here against a closed loopback port, an unknown host and a refused ssh (see
 * also the end-to-end cases in {@code org.claimback.unreachable}).
 */
class UnreachableTextTest {
    private final Restic restic = new Restic(ResticSettings.of(Path.of("/usr/bin/restic"),
            "s3:http://127.0.0.1:9/bucket/repo", Path.of("/etc/claimback/repository.password")));

    @Test
    void restic_0_14_s3_against_a_closed_port_is_unreachable() {
        String stderr = "Fatal: unable to open config file: Stat: Get \"http://127.0.0.1:9/bucket/?location=\": dial tcp"
                + " 127.0.0.1:9: connect: connection refused\nIs there a repository at the following location?\n"
                + "s3:http://127.0.0.1:9/bucket/repo";
        assertEquals(Kind.UNREACHABLE, Restic.classify(1, stderr));
        assertEquals("connection refused", Unreachable.reason(stderr).orElseThrow());
    }

    @Test
    void restic_0_18_s3_after_its_retries_is_unreachable() {
        // measured: 18 retries over 14 min 6 s, then exit 1
        String stderr = "Stat(<config/>) returned error, retrying after 1m28.503061802s: Stat: Get"
                + " \"http://127.0.0.1:9/bucket/?location=\": dial tcp 127.0.0.1:9: connect: connection refused\n"
                + "Stat(<config/>) failed: Stat: Get \"http://127.0.0.1:9/bucket/?location=\": dial tcp 127.0.0.1:9:"
                + " connect: connection refused\n"
                + "Fatal: unable to open config file: Stat: Get \"http://127.0.0.1:9/bucket/?location=\": dial tcp"
                + " 127.0.0.1:9: connect: connection refused\nIs there a repository at the following location?\n"
                + "s3:http://127.0.0.1:9/bucket/repo";
        assertEquals(Kind.UNREACHABLE, Restic.classify(1, stderr));
    }

    @Test
    void an_unknown_host_is_unreachable_on_both_versions() {
        String stderr = "Fatal: unable to open config file: Stat: Get \"http://nonexistent.invalid:9000/bucket/?location=\":"
                + " dial tcp: lookup nonexistent.invalid on 10.255.255.53:53: no such host";
        assertEquals(Kind.UNREACHABLE, Restic.classify(1, stderr));
        assertEquals("no such host", Unreachable.reason(stderr).orElseThrow());
    }

    @Test
    void an_ssh_that_cannot_connect_is_unreachable_on_both_versions() {
        String v014 = "subprocess ssh: ssh: connect to host 127.0.0.1 port 22: Connection refused\n"
                + "Fatal: unable to open repository at sftp:root@127.0.0.1:/tmp/x: unable to start the sftp session, error: EOF";
        String v018 = "subprocess ssh: ssh: connect to host 127.0.0.1 port 22: Connection refused\n"
                + "Fatal: unable to open repository at sftp:root@127.0.0.1:/tmp/x: unable to start the sftp session,"
                + " error: error receiving version packet from server: server unexpectedly closed connection: unexpected EOF";
        String noHost = "subprocess ssh: ssh: Could not resolve hostname nas.invalid: Name or service not known\n"
                + "Fatal: unable to open repository at sftp:nas.invalid:/r: unable to start the sftp session, error: EOF";
        assertEquals(Kind.UNREACHABLE, Restic.classify(1, v014));
        assertEquals(Kind.UNREACHABLE, Restic.classify(1, v018));
        assertEquals("connection refused", Unreachable.reason(v018).orElseThrow());
        assertEquals("no such host", Unreachable.reason(noHost).orElseThrow());
    }

    @Test
    void an_ssh_turned_away_by_the_server_is_a_setup_error_not_an_outage() {
        assertEquals(Kind.FAILED, Restic.classify(1, "subprocess ssh: root@127.0.0.1: Permission denied (publickey).\n"
                + "Fatal: unable to open repository at sftp:root@127.0.0.1:/r: unable to start the sftp session, error: EOF"));
        assertEquals(Kind.FAILED, Restic.classify(1, "subprocess ssh: Host key verification failed.\n"
                + "Fatal: unable to open repository at sftp:root@127.0.0.1:/r: unable to start the sftp session, error: EOF"));
    }

    @Test
    void an_outage_restic_rode_out_does_not_make_a_later_failure_unreachable() {
        assertEquals(Kind.FAILED, Restic.classify(1, "Save(<data/1a2b3c>) returned error, retrying after 552ms: Put"
                + " \"http://127.0.0.1:9/bucket/data/1a\": dial tcp 127.0.0.1:9: connect: connection refused\n"
                + "Save(<data/1a2b3c>) operation successful after 1 retries\nFatal: There were 3 errors"));
    }

    @Test
    void a_wrong_password_a_missing_repository_and_a_lock_stay_what_they_are() {
        assertEquals(Kind.WRONG_PASSWORD, Restic.classify(12, "Fatal: wrong password or no key found"));
        assertEquals(Kind.WRONG_PASSWORD, Restic.classify(1, "Fatal: wrong password or no key found"));
        assertEquals(Kind.REPOSITORY_MISSING, Restic.classify(10, "Fatal: repository does not exist: unable to open config file"));
        assertEquals(Kind.REPOSITORY_MISSING, Restic.classify(1, "Fatal: unable to open config file: Stat: The specified key"
                + " does not exist.\nIs there a repository at the following location?"));
        assertEquals(Kind.LOCKED, Restic.classify(11, "unable to create lock in backend: repository is already locked by PID 1"));
    }

    @Test
    void the_one_line_names_the_repository_the_restic_command_and_the_reason() {
        ResticException e = restic.failure(new ResticRun("backup", "/usr/bin/restic backup --json .", 1, List.of(
                "Fatal: unable to open config file: Stat: Get \"http://127.0.0.1:9/bucket/?location=\": dial tcp"
                        + " 127.0.0.1:9: connect: connection refused"), "unable to open config file: ..."));

        assertEquals(Kind.UNREACHABLE, e.kind());
        assertEquals("cannot reach repository s3:http://127.0.0.1:9/bucket/repo (restic backup: connection refused):"
                + " check that the server runs and that this machine reaches it (address, port, DNS, firewall)", e.getMessage());
        assertEquals(true, e.kind().affectsEveryBackup());
    }
}
