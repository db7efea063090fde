package org.claimback.repository;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.claimback.repository.Reachability.Endpoint;
import org.claimback.repository.Reachability.Status;
import org.claimback.restic.ResticException;
import org.claimback.restic.ResticSettings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The probe before a backup batch: which address a repository string names, and real connects on loopback. */
class ReachabilityTest {
    private static final Path RESTIC = Path.of("/usr/bin/restic");
    private static final Path PASSWORD = Path.of("/etc/claimback/repository.password");

    @TempDir
    Path tmp;

    private final Reachability reachability = new Reachability(Duration.ofSeconds(2), Map.of());

    @Test
    void an_s3_or_rest_url_names_its_host_and_port_or_the_schemes_default() {
        assertEquals(Optional.of(new Endpoint("minio.lan", 9000)), Reachability.httpEndpoint("s3:http://minio.lan:9000/bucket/repo"));
        assertEquals(Optional.of(new Endpoint("s3.example", 443)), Reachability.httpEndpoint("s3:https://s3.example/bucket"));
        assertEquals(Optional.of(new Endpoint("s3.amazonaws.com", 443)), Reachability.httpEndpoint("s3:s3.amazonaws.com/bucket/k8s"));
        assertEquals(Optional.of(new Endpoint("backup", 80)), Reachability.httpEndpoint("rest:http://user:p%40ss@backup/"));
        assertEquals(Optional.of(new Endpoint("::1", 8000)), Reachability.httpEndpoint("rest:http://[::1]:8000/"));
        assertEquals(Optional.empty(), Reachability.httpEndpoint("rest:/srv/restic"));
    }

    @Test
    void an_sftp_repository_names_its_host_and_port_22_unless_the_url_says_otherwise() {
        assertEquals(Optional.of(new Endpoint("nas", 22)), Reachability.sftpEndpoint("sftp:backup@nas:/srv/restic"));
        assertEquals(Optional.of(new Endpoint("nas", 22)), Reachability.sftpEndpoint("sftp:nas:/srv/restic"));
        assertEquals(Optional.of(new Endpoint("::1", 22)), Reachability.sftpEndpoint("sftp:u@[::1]:/srv/restic"));
        assertEquals(Optional.of(new Endpoint("nas", 2222)), Reachability.sftpEndpoint("sftp://backup@nas:2222//srv/restic"));
        assertEquals(Optional.of(new Endpoint("nas", 22)), Reachability.sftpEndpoint("sftp://nas/srv/restic"));
    }

    @Test
    void a_closed_loopback_port_is_unreachable_with_connection_refused() throws IOException {
        int port = closedPort();
        Reachability.Probe probe = reachability.probe(settings("s3:http://127.0.0.1:" + port + "/bucket/repo", List.of()));

        assertEquals(Status.UNREACHABLE, probe.status(), probe::toString);
        assertEquals(new Endpoint("127.0.0.1", port), probe.endpoint());
        assertEquals("connection refused", probe.reason());
    }

    @Test
    void the_one_line_names_the_redacted_repository_what_was_tried_and_the_fix() throws IOException {
        int port = closedPort();
        ResticException e = assertThrows(ResticException.class, () -> reachability.requireReachable(
                settings("rest:http://alice:s3cret@127.0.0.1:" + port + "/k8s", List.of())));

        assertEquals(ResticException.Kind.UNREACHABLE, e.kind());
        assertEquals("cannot reach repository rest:http://127.0.0.1:" + port + "/k8s (TCP connect to 127.0.0.1:" + port
                + " within 2 s: connection refused): check that the server runs and that this machine reaches it"
                + " (address, port, DNS, firewall)", e.getMessage());
        assertTrue(!e.details().contains("s3cret"), e::details);
    }

    @Test
    void an_unknown_host_is_unreachable() {
        Reachability.Probe probe = reachability.probe(settings("s3:http://no-such-host.invalid:9000/bucket", List.of()));

        assertEquals(Status.UNREACHABLE, probe.status(), probe::toString);
        assertEquals("no such host", probe.reason());
    }

    @Test
    void a_listening_port_is_reachable() throws IOException {
        try (ServerSocket server = new ServerSocket(0, 5, InetAddress.getLoopbackAddress())) {
            Reachability.Probe probe = reachability.probe(settings("s3:http://127.0.0.1:" + server.getLocalPort() + "/b", List.of()));

            assertEquals(Status.REACHABLE, probe.status(), probe::toString);
            assertNull(probe.reason());
        }
    }

    @Test
    void ssh_configuration_decides_where_an_sftp_alias_goes() throws IOException {
        try (ServerSocket server = new ServerSocket(0, 5, InetAddress.getLoopbackAddress())) {
            Path sshConfig = tmp.resolve("ssh_config");
            Files.writeString(sshConfig, "Host backup-nas\n  HostName 127.0.0.1\n  Port " + server.getLocalPort() + "\n");
            Reachability.Probe probe = reachability.probe(
                    settings("sftp:claimback@backup-nas:/srv/restic", List.of("-o", "sftp.args=-F " + sshConfig)));

            assertEquals(Status.REACHABLE, probe.status(), probe::toString);
            assertEquals(new Endpoint("127.0.0.1", server.getLocalPort()), probe.endpoint());
        }
    }

    @Test
    void an_sftp_alias_whose_port_is_closed_is_unreachable() throws IOException {
        int port = closedPort();
        Path sshConfig = tmp.resolve("ssh_config");
        Files.writeString(sshConfig, "Host backup-nas\n  HostName 127.0.0.1\n  Port " + port + "\n");
        Reachability.Probe probe = reachability.probe(
                settings("sftp:claimback@backup-nas:/srv/restic", List.of("-o", "sftp.args=-F " + sshConfig)));

        assertEquals(Status.UNREACHABLE, probe.status(), probe::toString);
        assertEquals("connection refused", probe.reason());
    }

    @Test
    void nothing_is_probed_when_something_else_decides_how_the_server_is_reached() throws IOException {
        int port = closedPort();
        assertEquals(Status.NOT_PROBED, reachability.probe(settings("/var/lib/claimback/repo", List.of())).status());
        assertEquals(Status.NOT_PROBED, reachability.probe(settings("local:/var/lib/claimback/repo", List.of())).status());
        assertEquals(Status.NOT_PROBED, reachability.probe(settings("rclone:remote:bucket", List.of())).status());
        assertEquals(Status.NOT_PROBED, reachability.probe(settings("sftp:u@127.0.0.1:/r",
                List.of("-o", "sftp.command=ssh -p " + port + " u@127.0.0.1 -s sftp"))).status());
        Reachability.Probe proxied = new Reachability(Duration.ofSeconds(2), Map.of("https_proxy", "http://proxy:3128"))
                .probe(settings("s3:http://127.0.0.1:" + port + "/bucket", List.of()));
        assertEquals(Status.NOT_PROBED, proxied.status());
        assertEquals("HTTPS_PROXY is set: restic connects through the proxy", proxied.reason());
        Path sshConfig = tmp.resolve("jump_config");
        Files.writeString(sshConfig, "Host nas\n  ProxyJump bastion\n");
        assertEquals(Status.NOT_PROBED, reachability.probe(settings("sftp:u@nas:/r",
                List.of("-o", "sftp.args=-F " + sshConfig))).status());
    }

    @Test
    void a_proxy_in_the_repositorys_env_file_also_stops_the_probe() throws IOException {
        int port = closedPort();
        ResticSettings settings = new ResticSettings(RESTIC, "s3:http://127.0.0.1:" + port + "/bucket", PASSWORD,
                Map.of("HTTP_PROXY", "http://proxy:3128"), null, List.of());

        assertEquals(Status.NOT_PROBED, reachability.probe(settings).status());
    }

    private static ResticSettings settings(String repository, List<String> flags) {
        return new ResticSettings(RESTIC, repository, PASSWORD, Map.of(), null, flags);
    }

    /** A loopback port nothing listens on: bound, then closed. */
    static int closedPort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }
}
