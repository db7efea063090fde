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
import org.claimback.testing.VolumeTrees;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The loopback servers the remote-repository tests stand on: plain restic (0.14 and 0.18) can make,
 * fill and read a repository on each, and each comes back on the same port with the same data.
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

    private static String bucket(Path binary) {
        return "fixture-" + ResticBinaries.versionOf(binary).replace('.', '-');
    }

    @ParameterizedTest
    @MethodSource("org.claimback.testing.ResticBinaries#all")
    void restic_makes_a_repository_in_a_bucket_it_creates_and_backs_up_into_it(Path binary) throws Exception {
        PlainRestic restic = onS3(binary, bucket(binary));
        VolumeTrees.write(tmp.resolve("data/file"), "on s3".getBytes());

        restic.init();
        restic.require("backup", "--json", "--host", "fixture", tmp.resolve("data").toString());

        assertTrue(Files.isDirectory(s3.dataDir().resolve(bucket(binary))), "restic made the bucket");
        assertTrue(restic.require("snapshots", "--json").contains("\"hostname\":\"fixture\""));
    }

    @ParameterizedTest
    @MethodSource("org.claimback.testing.ResticBinaries#all")
    void restic_makes_a_repository_over_sftp_with_the_pinned_host_key(Path binary) throws Exception {
        Path remote = tmp.resolve("sftp-repo");
        PlainRestic restic = onSftp(binary, remote);
        VolumeTrees.write(tmp.resolve("data/file"), "over sftp".getBytes());

        restic.init();
        restic.require("backup", "--json", "--host", "fixture", tmp.resolve("data").toString());

        assertTrue(Files.isRegularFile(remote.resolve("config")), "the repository is where the sftp path says");
        assertTrue(restic.require("snapshots", "--json").contains("\"hostname\":\"fixture\""));
    }

    @Test
    void ssh_refuses_a_server_whose_host_key_is_not_the_pinned_one() throws Exception {
        Path remote = tmp.resolve("sftp-repo");
        onSftp(ResticBinaries.v014(), remote).init();
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
