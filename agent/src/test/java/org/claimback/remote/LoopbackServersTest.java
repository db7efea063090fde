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

            List<String> ssh = new java.util.ArrayList<>(List.of(sshd.repositoryOptions().get(0)
                    .substring("sftp.command=".length()).replace(" -s sftp", "").split(" ")));
            ssh.add("true");
            Process direct = new ProcessBuilder(ssh).redirectErrorStream(true).start();
            String said = new String(direct.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);

            assertNotEquals(0, result.exit(), result::output);
            assertEquals(255, direct.waitFor(), said);
            assertTrue(said.contains("Host key verification failed"), said); // restic 0.14 may lose ssh's own words
        } finally {
            Files.writeString(sshd.knownHosts(), pinned);
        }
    }

    @Test
    void the_s3_server_killed_during_an_upload_comes_back_on_the_same_port_with_its_data() throws Exception {
        PlainRestic restic = onS3(ResticBinaries.v014(), "killed");
        restic.init();
        int port = s3.port();
        VolumeTrees.write(tmp.resolve("data/random.bin"), VolumeTrees.bytes(new java.util.Random(1), 2 * 1024 * 1024));
        java.util.concurrent.CompletableFuture<PlainRestic.Result> upload = java.util.concurrent.CompletableFuture.supplyAsync(
                () -> restic.run(60, "--limit-upload", "256", "backup", tmp.resolve("data").toString()));
        Thread.sleep(1500); // restic is uploading: 2 MiB take 8 s at 256 KiB/s

        s3.kill();
        long started = System.nanoTime();
        s3.start();
        long millis = (System.nanoTime() - started) / 1_000_000;
        PlainRestic.Result cut = upload.get(60, java.util.concurrent.TimeUnit.SECONDS);

        assertEquals(port, s3.port());
        assertTrue(restic.require("cat", "config").contains("chunker_polynomial"), "the data survived the kill");
        System.out.println("s3proxy killed mid-upload, restarted and answered in " + millis + " ms; restic exited "
                + cut.exit() + ": " + cut.output().lines().filter(l -> l.contains("Fatal") || l.contains("retry")
                        || l.contains("snapshot")).toList());
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
