package org.claimback.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real OpenSSH server (Debian's openssh-server, {@code /usr/sbin/sshd -D -e}) on a free loopback
 * port, for sftp repositories. Everything it needs is generated into one directory: an ed25519 host
 * key and client key ({@code ssh-keygen}), {@code authorized_keys} holding the client key, a
 * {@code known_hosts} pinning {@code [127.0.0.1]:PORT} to the host key, the sshd config (public-key
 * login only, {@code internal-sftp}) and its log {@code sshd.log}. The user is the one running the
 * tests (root on CI); their home directory plays no part, since the key and known_hosts are given to
 * ssh explicitly through restic's {@code sftp.command} ({@link #repositoryOptions()}).
 *
 * <p>Fails (never skips) when sshd is missing: {@code ./run-tests} installs openssh-server.
 * {@link #stop()} ends the listener and every session it spawned (a connection cut), {@link #start()}
 * brings it back on the same port with the same keys. Starting takes about 0.1 s.
 */
public final class SshdServer implements AutoCloseable {
    private static final Path SSHD = Path.of("/usr/sbin/sshd");

    private final Path dir;
    private final int port;
    private final String user = System.getProperty("user.name");
    private Process process;

    private SshdServer(Path dir, int port) {
        this.dir = dir;
        this.port = port;
    }

    /** Generates keys and config in {@code dir} (created) and starts sshd on a free loopback port. */
    public static SshdServer start(Path dir) throws IOException {
        if (!Files.isExecutable(SSHD)) {
            throw new IllegalStateException(SSHD + " is missing: install Debian's openssh-server"
                    + " (`apt-get install -y openssh-server`; ./run-tests does it)");
        }
        Files.createDirectories(dir);
        SshdServer server = new SshdServer(dir.toAbsolutePath(), LoopbackPorts.free());
        server.writeKeysAndConfig();
        server.start();
        // a test that forgets close() (or a JVM that exits early) must not leave a server running
        Runtime.getRuntime().addShutdownHook(new Thread(server::stop, "sshdserver-shutdown"));
        return server;
    }

    private void writeKeysAndConfig() throws IOException {
        keygen(dir.resolve("host_ed25519"), "claimback-test-host");
        keygen(clientKey(), "claimback-test-client");
        Files.copy(dir.resolve("client_ed25519.pub"), dir.resolve("authorized_keys"));
        String[] hostKey = Files.readString(dir.resolve("host_ed25519.pub")).strip().split(" ");
        Files.writeString(knownHosts(), "[127.0.0.1]:" + port + " " + hostKey[0] + " " + hostKey[1] + "\n");
        Files.writeString(dir.resolve("sshd_config"), String.join("\n",
                "Port " + port,
                "ListenAddress 127.0.0.1",
                "HostKey " + dir.resolve("host_ed25519"),
                "PidFile " + dir.resolve("sshd.pid"),
                "AuthorizedKeysFile " + dir.resolve("authorized_keys"),
                "StrictModes no",
                "PubkeyAuthentication yes",
                "PasswordAuthentication no",
                "KbdInteractiveAuthentication no",
                "PermitRootLogin prohibit-password",
                "UsePAM no",
                "Subsystem sftp internal-sftp",
                "") + "\n");
    }

    /** Starts sshd (again) on the same port with the same keys; returns when the port accepts connections. */
    public synchronized void start() throws IOException {
        if (process != null && process.isAlive()) {
            throw new IllegalStateException("sshd on port " + port + " is already running");
        }
        // sshd insists on its privilege separation directory, which only its systemd unit creates at boot
        Files.createDirectories(Path.of("/run/sshd"));
        Path log = dir.resolve("sshd.log");
        process = new ProcessBuilder(SSHD.toString(), "-D", "-e", "-f", dir.resolve("sshd_config").toString())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()))
                .start();
        LoopbackPorts.await("sshd on port " + port, process, 20, () -> LoopbackPorts.accepts(port), () -> tail(log));
    }

    /** Ends sshd and every session it spawned (SIGKILL), and waits for them: clients see the connection cut. */
    public synchronized void stop() {
        if (process == null) {
            return;
        }
        List<ProcessHandle> sessions = process.descendants().toList();
        process.destroyForcibly();
        sessions.forEach(ProcessHandle::destroyForcibly);
        try {
            process.waitFor(10, TimeUnit.SECONDS);
            for (ProcessHandle session : sessions) {
                session.onExit().get(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            throw new IllegalStateException("an sshd session of port " + port + " did not end: " + e.getMessage(), e);
        }
        process = null;
    }

    /** The restic repository string for {@code remotePath} (absolute) on this server, e.g. {@code sftp:root@127.0.0.1:/srv/repo}. */
    public String repository(String remotePath) {
        if (!remotePath.startsWith("/")) {
            throw new IllegalArgumentException("remotePath must be absolute, got " + remotePath);
        }
        return "sftp:" + user + "@127.0.0.1:" + remotePath;
    }

    /**
     * The restic {@code -o} options (for {@code repositoryOptions:}) that make restic reach this server:
     * {@code sftp.command=ssh -i KEY -p PORT ... -s sftp}, with the host key pinned and no prompts.
     * Accepted by restic 0.14 and 0.18. Paths hold no spaces or quotes, so it needs no YAML quoting.
     */
    public List<String> repositoryOptions() {
        return List.of("sftp.command=ssh -i " + clientKey() + " -p " + port
                + " -o UserKnownHostsFile=" + knownHosts() + " -o StrictHostKeyChecking=yes -o BatchMode=yes"
                + " -o IdentitiesOnly=yes " + user + "@127.0.0.1 -s sftp");
    }

    public int port() {
        return port;
    }

    /** The client's private key (mode 0600). */
    public Path clientKey() {
        return dir.resolve("client_ed25519");
    }

    /** The known_hosts file pinning {@code [127.0.0.1]:PORT} to this server's host key. */
    public Path knownHosts() {
        return dir.resolve("known_hosts");
    }

    @Override
    public void close() {
        stop();
    }

    private static void keygen(Path key, String comment) throws IOException {
        Process keygen = new ProcessBuilder("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C", comment, "-f", key.toString())
                .redirectErrorStream(true).start();
        String output = new String(keygen.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        try {
            if (!keygen.waitFor(30, TimeUnit.SECONDS) || keygen.exitValue() != 0) {
                throw new IllegalStateException("ssh-keygen for " + key + " failed: " + output.strip());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running ssh-keygen", e);
        }
        Files.setPosixFilePermissions(key, PosixFilePermissions.fromString("rw-------"));
    }

    private static String tail(Path log) {
        try {
            List<String> lines = Files.readAllLines(log);
            return String.join(" | ", lines.subList(Math.max(0, lines.size() - 10), lines.size()));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }
}
