package org.claimback.testing;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real S3 server on a free loopback port: s3proxy ({@code org.gaul:s3proxy}, jar-with-dependencies,
 * copied by the agent's build to {@code agent/target/s3proxy/s3proxy.jar}) run as its own Java process
 * with jclouds' filesystem backend under {@code DIR/data}, AWS v2/v4 signatures and a generated access
 * key and secret key. restic creates the bucket itself on {@code init}.
 *
 * <p>{@link #kill()} is SIGKILL (a server dying mid-backup), {@link #start()} brings it back on the
 * same port with the same data and keys. Starting takes about 1.5 s on two cores (measured; C1-only
 * and other JVM flags gained nothing): share one server per test class (a bucket or prefix per test).
 * Fails (never skips) when the jar is missing.
 */
public final class S3Server implements AutoCloseable {
    private static final String ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";

    private final Path dir;
    private final int port;
    private final String accessKey;
    private final String secretKey;
    private Process process;

    private S3Server(Path dir, int port, String accessKey, String secretKey) {
        this.dir = dir;
        this.port = port;
        this.accessKey = accessKey;
        this.secretKey = secretKey;
    }

    /** Writes the properties into {@code dir} (created) and starts s3proxy on a free loopback port. */
    public static S3Server start(Path dir) throws IOException {
        Files.createDirectories(dir.resolve("data"));
        S3Server server = new S3Server(dir.toAbsolutePath(), LoopbackPorts.free(), "AKCB" + random(16), random(40).toLowerCase());
        Path properties = dir.resolve("s3proxy.properties");
        Files.writeString(properties, String.join("\n",
                "s3proxy.endpoint=" + server.endpoint(),
                "s3proxy.authorization=aws-v2-or-v4",
                "s3proxy.identity=" + server.accessKey,
                "s3proxy.credential=" + server.secretKey,
                "jclouds.provider=filesystem",
                "jclouds.filesystem.basedir=" + server.dir.resolve("data"),
                "") + "\n");
        Files.setPosixFilePermissions(properties, PosixFilePermissions.fromString("rw-------"));
        server.start();
        // a test that forgets close() (or a JVM that exits early) must not leave a server running
        Runtime.getRuntime().addShutdownHook(new Thread(server::kill, "s3server-shutdown"));
        return server;
    }

    /** Starts s3proxy (again) on the same port with the same data and keys; returns when it answers HTTP. */
    public synchronized void start() throws IOException {
        if (process != null && process.isAlive()) {
            throw new IllegalStateException("s3proxy on port " + port + " is already running");
        }
        Path log = dir.resolve("s3proxy.log");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        process = new ProcessBuilder(java, "-Xmx512m", "-XX:+UseSerialGC",
                "-jar", jar().toString(), "--properties", dir.resolve("s3proxy.properties").toString())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()))
                .start();
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofMillis(500)).build();
        LoopbackPorts.await("s3proxy on port " + port, process, 60, () -> answers(http), () -> tail(log));
    }

    /** SIGKILL, and waits for the process to end: clients see connections reset mid-request. */
    public synchronized void kill() {
        if (process == null) {
            return;
        }
        process.destroyForcibly();
        try {
            process.waitFor(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        process = null;
    }

    /** The restic repository string {@code s3:http://127.0.0.1:PORT/bucket/prefix} (restic creates the bucket on init). */
    public String repository(String bucket, String prefix) {
        return "s3:" + endpoint() + "/" + bucket + (prefix == null || prefix.isEmpty() ? "" : "/" + prefix);
    }

    /** Writes {@code AWS_ACCESS_KEY_ID} and {@code AWS_SECRET_ACCESS_KEY} into {@code file} (mode 0600) for {@code repositoryEnvFile:}. */
    public Path writeEnvFile(Path file) throws IOException {
        return writeEnvFile(file, secretKey);
    }

    /** Like {@link #writeEnvFile(Path)} but with another secret key (a wrong one, for failure tests). */
    public Path writeEnvFile(Path file, String secret) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        Files.writeString(file, "AWS_ACCESS_KEY_ID=" + accessKey + "\nAWS_SECRET_ACCESS_KEY=" + secret + "\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        return file;
    }

    /** {@code http://127.0.0.1:PORT}. */
    public String endpoint() {
        return "http://127.0.0.1:" + port;
    }

    public int port() {
        return port;
    }

    public String accessKey() {
        return accessKey;
    }

    public String secretKey() {
        return secretKey;
    }

    /** Where the buckets live on disk ({@code DIR/data/BUCKET/...}). */
    public Path dataDir() {
        return dir.resolve("data");
    }

    @Override
    public void close() {
        kill();
    }

    /** The s3proxy jar the build copied: {@code <repoRoot>/agent/target/s3proxy/s3proxy.jar}, else the local Maven repository's. */
    static Path jar() {
        Path built = ResticBinaries.repoRoot().resolve("agent/target/s3proxy/s3proxy.jar");
        Path local = Path.of(System.getProperty("user.home"),
                ".m2/repository/org/gaul/s3proxy/2.6.0/s3proxy-2.6.0-jar-with-dependencies.jar");
        for (Path candidate : List.of(built, local)) {
            if (Files.isRegularFile(candidate)) {
                return candidate;
            }
        }
        throw new IllegalStateException("s3proxy is missing at " + built + ": build the agent module"
                + " (`mvn -B -pl agent generate-test-resources` fetches org.gaul:s3proxy:2.6.0 from Maven Central)");
    }

    private boolean answers(HttpClient http) {
        try {
            HttpRequest request = HttpRequest.newBuilder(URI.create(endpoint() + "/")).timeout(Duration.ofSeconds(2)).GET().build();
            http.send(request, HttpResponse.BodyHandlers.discarding());
            return true; // any answer (403 without a signature) means it serves
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static String random(int length) {
        SecureRandom random = new SecureRandom();
        StringBuilder text = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            text.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
        }
        return text.toString();
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
