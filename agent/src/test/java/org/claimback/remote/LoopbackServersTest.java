package org.claimback.remote;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.claimback.testing.PlainRestic;
import org.claimback.testing.ResticBinaries;
import org.claimback.testing.S3Server;
import org.claimback.testing.SshdServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The loopback servers the remote-repository tests stand on: ssh pins the host key, and each server
 * comes back on the same port with the same data after it was killed. (That restic 0.14 and 0.18
 * back up to and restore from both is {@link RemoteRepositoryTest}.)
 */
class LoopbackServersTest {
    @TempDir
    static Path servers;
    @TempDir
    Path tmp;

    private static S3Server s3;
    private static SshdServer sshd;

    @BeforeAll
    static void startServers() throws Exception {
        s3 = S3Server.start(servers.resolve("s3"));
        sshd = SshdServer.start(servers.resolve("sshd"));
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

    private PlainRestic onS3(Path binary, String bucket) throws Exception {
        Path password = password();
        return new PlainRestic(binary, s3.repository(bucket, "repo"), password,
                Map.of("AWS_ACCESS_KEY_ID", s3.accessKey(), "AWS_SECRET_ACCESS_KEY", s3.secretKey()), List.of(), tmp.resolve("cache"));
    }

    private PlainRestic onSftp(Path binary, Path remote) throws Exception {
        return new PlainRestic(binary, sshd.repository(remote.toString()), password(), Map.of(), sshd.repositoryOptions(),
                tmp.resolve("cache"));
    }

    private Path password() throws Exception {
        Path password = tmp.resolve("password");
        if (!Files.exists(password)) {
            Files.writeString(password, ResticBinaries.PASSWORD + "\n");
        }
        return password;
    }

    @Test
    void ssh_refuses_a_server_whose_host_key_is_not_the_pinned_one() throws Exception {
        Path remote = tmp.resolve("sftp-repo"); // none there: ssh refuses before restic could tell
        String pinned = Files.readString(sshd.knownHosts());
        try {
            Path other = tmp.resolve("other_host");
            new ProcessBuilder("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", other.toString()).start().waitFor();
            String[] otherKey = Files.readString(other.resolveSibling("other_host.pub")).split(" ");
            Files.writeString(sshd.knownHosts(), "[127.0.0.1]:" + sshd.port() + " " + otherKey[0] + " " + otherKey[1] + "\n");

            PlainRestic.Result result = onSftp(ResticBinaries.v014(), remote).run(30, "cat", "config");

            assertNotEquals(0, result.exit());
            assertTrue(result.output().contains("REMOTE HOST IDENTIFICATION HAS CHANGED")
                    || result.output().contains("Host key verification failed"), result.output());
        } finally {
            Files.writeString(sshd.knownHosts(), pinned);
        }
    }

    @Test
    void the_s3_server_comes_back_after_a_kill_on_the_same_port_with_its_data() throws Exception {
        PlainRestic restic = onS3(ResticBinaries.v014(), "killed");
        restic.init();
        int port = s3.port();

        s3.kill();
        assertFalse(restic.run(30, "cat", "config").exit() == 0, "nothing answers while it is down");
        long started = System.nanoTime();
        s3.start();
        long millis = (System.nanoTime() - started) / 1_000_000;

        assertEquals(port, s3.port());
        assertTrue(restic.require("cat", "config").contains("chunker_polynomial"));
        System.out.println("s3proxy restarted and answered in " + millis + " ms");
    }

    @Test
    void the_ssh_server_comes_back_after_a_stop_with_the_same_host_key() throws Exception {
        Path remote = tmp.resolve("sftp-repo");
        PlainRestic restic = onSftp(ResticBinaries.v014(), remote);
        restic.init();

        sshd.stop();
        assertNotEquals(0, restic.run(30, "cat", "config").exit(), "nothing answers while it is down");
        sshd.start();

        assertTrue(restic.require("cat", "config").contains("chunker_polynomial"));
    }
}
