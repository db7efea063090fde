package org.claimback.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;
import org.claimback.testing.ResticBinaries;
import org.claimback.testing.S3Server;
import org.claimback.testing.SshdServer;
import org.claimback.testing.TestExport;
import org.claimback.testing.TreeManifest;
import org.claimback.testing.VolumeTrees;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Issue 7's day, end to end through the command line with real servers on loopback: two NFS
 * servers (hosts nfs-a and nfs-b) back up at the same time into one S3 repository (s3proxy) with
 * an sftp copy (OpenSSH); the S3 server is killed in the middle of a backup and comes back; the
 * copies are made; then the S3 repository is destroyed with both servers' catalogues, and a third
 * machine with a fresh configuration rebuilds its catalogue from the copy and restores every
 * claim, which must equal what was backed up last. No secret may show in a process list, the
 * log, a catalogue or any output along the way.
 */
class OffsiteDisasterTest {
    @TempDir
    Path tmp;

    private final List<AutoCloseable> servers = new ArrayList<>();
    private final Set<String> commandLines = ConcurrentHashMap.newKeySet();
    private final ByteArrayOutputStream log = new ByteArrayOutputStream();
    private final List<CliRun> outputs = new ArrayList<>();
    private PrintStream originalErr;

    static Stream<Path> restic() {
        return ResticBinaries.all().stream();
    }

    @AfterEach
    void stop() throws Exception {
        if (originalErr != null) {
            System.setErr(originalErr);
        }
        for (AutoCloseable s : servers) {
            s.close();
        }
    }

    @ParameterizedTest(name = "restic {0}")
    @MethodSource("restic")
    void every_claim_comes_back_from_the_sftp_copy_after_the_s3_repository_is_lost(Path restic) throws Exception {
        S3Server s3 = S3Server.start(tmp.resolve("s3"));
        servers.add(s3);
        SshdServer sshd = SshdServer.start(tmp.resolve("sshd"));
        servers.add(sshd);
        originalErr = System.err;
        System.setErr(new PrintStream(new TeeStream(originalErr, log), true));

        Path etc = Files.createDirectories(tmp.resolve("etc"));
        String primaryPassword = "primary repository password 8812";
        String copyPassword = "offsite copy password 1207";
        Path primaryPw = secret(etc.resolve("repository.password"), primaryPassword + "\n");
        Path copyPw = secret(etc.resolve("offsite.password"), copyPassword + "\n");
        Path s3Env = s3.writeEnvFile(etc.resolve("s3.env"));
        String primary = s3.repository("claimback", "k8s");
        Path copyDir = Files.createDirectories(tmp.resolve("sftp-root"));
        String copyRepository = sshd.repository(copyDir.resolve("offsite").toString());

        TestExport exportA = TestExport.create(tmp.resolve("a/export"));
        TestExport exportB = TestExport.create(tmp.resolve("b/export"));
        TestExport exportC = TestExport.create(tmp.resolve("c/export"));
        Path configA = config("a", "nfs-a", exportA, restic, primary, s3Env, primaryPw, copyRepository, copyPw, sshd,
                "limits:\n  upload: 4096\n");
        Path configB = config("b", "nfs-b", exportB, restic, primary, s3Env, primaryPw, copyRepository, copyPw, sshd, "");
        Path configC = config("c", "nfs-c", exportC, restic, primary, s3Env, primaryPw, copyRepository, copyPw, sshd, "");

        // claims of both servers; apps/shared exists on both with different data
        Map<String, Path> volumes = new LinkedHashMap<>();
        volumes.put("media/jellyfin@nfs-a", exportA.newVolume("media", "jellyfin"));
        volumes.put("apps/vaultwarden@nfs-a", exportA.newVolume("apps", "vaultwarden"));
        volumes.put("apps/shared@nfs-a", exportA.newVolume("apps", "shared"));
        volumes.put("default/data-postgres-0@nfs-b", exportB.newVolume("default", "data-postgres-0"));
        volumes.put("apps/shared@nfs-b", exportB.newVolume("apps", "shared"));
        int seed = 11;
        for (Path v : volumes.values()) {
            VolumeTrees.realistic(v, seed++);
        }
        VolumeTrees.chown(volumes.get("media/jellyfin@nfs-a"), 1000, 1000);
        VolumeTrees.chown(volumes.get("default/data-postgres-0@nfs-b"), 999, 999);

        AtomicBoolean sampling = new AtomicBoolean(true);
        Thread sampler = new Thread(() -> {
            while (sampling.get()) {
                sampleCommandLines();
            }
        }, "cmdline-sampler");
        sampler.setDaemon(true);
        sampler.start();

        // claimback creates the S3 repository and the sftp copy (with the repository's chunker parameters)
        CliRun init = cli("--config", configA.toString(), "init", "--json");
        assertEquals(0, init.exitCode(), init::toString);
        assertTrue(init.json().get("repositories").get(0).get("created").asBoolean(), init::toString);
        assertTrue(init.json().get("repositories").get(1).get("created").asBoolean(), init::toString);
        CliRun initB = cli("--config", configB.toString(), "init");
        assertEquals(0, initB.exitCode(), initB::toString);
        assertTrue(initB.out().contains("primary (" + primary + "): exists"), initB::toString);

        // both servers back up into the one repository at the same time
        ExecutorService pool = Executors.newFixedThreadPool(2);
        Future<CliRun> a = pool.submit(() -> cli("--config", configA.toString(), "backup", "--all", "--json"));
        Future<CliRun> b = pool.submit(() -> cli("--config", configB.toString(), "backup", "--all", "--json"));
        assertEquals(0, a.get(5, TimeUnit.MINUTES).exitCode(), () -> uncheckedGet(a).toString());
        assertEquals(0, b.get(5, TimeUnit.MINUTES).exitCode(), () -> uncheckedGet(b).toString());

        // nfs-a's next backup uploads 12 MiB at 4 MiB/s; the S3 server dies during it and comes back
        VolumeTrees.write(volumes.get("media/jellyfin@nfs-a").resolve("movies/new.mkv"),
                VolumeTrees.bytes(new Random(5), 12 << 20));
        Future<CliRun> cut = pool.submit(() -> cli("--config", configA.toString(), "backup", "media/jellyfin", "--json"));
        Thread.sleep(1500);
        s3.kill();
        Thread.sleep(1500);
        s3.start();
        CliRun cutRun = cut.get(5, TimeUnit.MINUTES);
        assertTrue(cutRun.exitCode() == 0 || cutRun.exitCode() == 1, cutRun::toString);
        if (cutRun.exitCode() == 1) { // the run cut by the server's death failed: one line says so
            assertEquals(1, cutRun.err().lines().filter(l -> !l.isBlank()).count(), cutRun::toString);
        }
        CliRun again = cli("--config", configA.toString(), "backup", "--all", "--json");
        assertEquals(0, again.exitCode(), again::toString);
        pool.shutdown();
        String check = plainResticCheck(restic, primary, s3Env, primaryPw);
        assertTrue(check.contains("no errors were found"), check);

        // the copies: each server copies its own snapshots into the sftp repository
        CliRun copyA = cli("--config", configA.toString(), "copy", "--json");
        assertEquals(0, copyA.exitCode(), copyA::toString);
        CliRun copyB = cli("--config", configB.toString(), "copy");
        assertEquals(0, copyB.exitCode(), copyB::toString);
        CliRun listed = cli("--config", configA.toString(), "backups", "media/jellyfin", "--json");
        assertEquals(0, listed.exitCode(), listed::toString);
        for (JsonNode s : listed.json().get("snapshots")) {
            assertEquals("offsite", s.get("copies").get(0).asText(), listed::toString);
        }

        Map<String, TreeManifest> expected = new LinkedHashMap<>();
        for (var e : volumes.entrySet()) {
            expected.put(e.getKey(), TreeManifest.of(e.getValue()));
        }

        // the primary is destroyed: the S3 server's data and both servers' catalogues are gone
        s3.kill();
        deleteTree(s3.dataDir());
        deleteTree(tmp.resolve("a/var"));
        deleteTree(tmp.resolve("b/var"));

        // a third machine, fresh configuration: rebuild from the copy, restore every claim
        CliRun rebuild = cli("--config", configC.toString(), "catalog", "rebuild", "--from", "offsite", "--all-hosts", "--json");
        assertEquals(0, rebuild.exitCode(), rebuild::toString);
        for (var e : volumes.entrySet()) {
            Path into = tmp.resolve("restored/" + e.getKey().replace('/', '_').replace('@', '_'));
            CliRun restore = cli("--config", configC.toString(), "restore", e.getKey(), "--from", "offsite",
                    "--into", into.toString(), "--json");
            assertEquals(0, restore.exitCode(), restore::toString);
            assertEquals(List.of(), expected.get(e.getKey()).differences(TreeManifest.of(into)),
                    e.getKey() + " differs after the restore from the copy\n" + restore);
        }
        sampling.set(false);
        sampler.join();

        // no secret anywhere: process lists, the log, the catalogues, any output
        List<String> secrets = List.of(s3.secretKey(), primaryPassword, copyPassword);
        assertFalse(commandLines.isEmpty(), "the sampler saw the processes");
        assertTrue(commandLines.stream().anyMatch(c -> c.contains("restic")), "the sampler saw restic run");
        String logText = log.toString(StandardCharsets.UTF_8);
        assertTrue(logText.contains("restic"), "the log was captured");
        for (String secret : secrets) {
            for (String c : commandLines) {
                assertFalse(c.contains(secret), "a secret in a process's command line: " + c);
            }
            assertFalse(logText.contains(secret), "a secret in the log");
            for (CliRun run : outputs) {
                assertFalse(run.out().contains(secret) || run.err().contains(secret), "a secret in the output of " + run);
            }
            for (String host : List.of("a", "b", "c")) {
                for (Path f : catalogueFiles(tmp.resolve(host + "/var"))) {
                    assertFalse(new String(Files.readAllBytes(f), StandardCharsets.ISO_8859_1).contains(secret),
                            "a secret in catalogue file " + f);
                }
            }
        }
    }

    private CliRun cli(String... args) {
        CliRun run = CliRun.of(args);
        synchronized (outputs) {
            outputs.add(run);
        }
        return run;
    }

    private Path config(String name, String host, TestExport export, Path restic, String primary, Path s3Env, Path primaryPw,
            String copyRepository, Path copyPw, SshdServer sshd, String extra) throws Exception {
        Path file = tmp.resolve(name + "/etc/config.yaml");
        Files.createDirectories(file.getParent());
        StringBuilder yaml = new StringBuilder()
                .append("exports:\n  - path: ").append(export.root()).append('\n')
                .append("repository: \"").append(primary).append("\"\n")
                .append("repositoryEnvFile: ").append(s3Env).append('\n')
                .append("passwordFile: ").append(primaryPw).append('\n')
                .append("catalog: ").append(tmp.resolve(name + "/var/catalog.db")).append('\n')
                .append("host: ").append(host).append('\n')
                .append("restic:\n  binary: ").append(restic).append("\n  cacheDir: ").append(tmp.resolve(name + "/cache")).append('\n')
                .append("schedule:\n  backup: \"off\"\n")
                .append("copies:\n  - name: offsite\n    repository: \"").append(copyRepository).append("\"\n")
                .append("    passwordFile: ").append(copyPw).append('\n')
                .append("    repositoryOptions:\n");
        for (String option : sshd.repositoryOptions()) {
            yaml.append("      - \"").append(option).append("\"\n");
        }
        yaml.append(extra);
        Files.writeString(file, yaml.toString());
        return file;
    }

    private static Path secret(Path file, String content) throws Exception {
        Files.writeString(file, content);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        return file;
    }

    private void sampleCommandLines() {
        try (var procs = Files.list(Path.of("/proc"))) {
            for (Path p : procs.filter(p -> p.getFileName().toString().chars().allMatch(Character::isDigit)).toList()) {
                try {
                    byte[] raw = Files.readAllBytes(p.resolve("cmdline"));
                    if (raw.length > 0) {
                        commandLines.add(new String(raw, StandardCharsets.UTF_8).replace('\0', ' '));
                    }
                } catch (Exception gone) {
                    // the process ended
                }
            }
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private static String plainResticCheck(Path restic, String repository, Path env, Path password) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(restic.toString(), "check").redirectErrorStream(true);
        pb.environment().keySet().removeIf(n -> n.startsWith("RESTIC_") || n.startsWith("AWS_"));
        for (String line : Files.readAllLines(env)) {
            int eq = line.indexOf('=');
            if (eq > 0) {
                pb.environment().put(line.substring(0, eq), line.substring(eq + 1));
            }
        }
        pb.environment().put("RESTIC_REPOSITORY", repository);
        pb.environment().put("RESTIC_PASSWORD_FILE", password.toString());
        pb.environment().put("RESTIC_CACHE_DIR", password.getParent().resolve("check-cache").toString());
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        p.waitFor(3, TimeUnit.MINUTES);
        return "exit " + p.exitValue() + "\n" + out;
    }

    private static List<Path> catalogueFiles(Path var) throws Exception {
        if (!Files.isDirectory(var)) {
            return List.of();
        }
        try (var files = Files.walk(var)) {
            return files.filter(Files::isRegularFile).toList();
        }
    }

    private static CliRun uncheckedGet(Future<CliRun> f) {
        try {
            return f.get();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private static void deleteTree(Path dir) throws Exception {
        if (!Files.exists(dir)) {
            return;
        }
        try (var paths = Files.walk(dir)) {
            for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    /** Writes to both streams: the log still reaches the console while the test reads it. */
    private static final class TeeStream extends java.io.OutputStream {
        private final java.io.OutputStream one;
        private final java.io.OutputStream two;

        TeeStream(java.io.OutputStream one, java.io.OutputStream two) {
            this.one = one;
            this.two = two;
        }

        @Override
        public synchronized void write(int b) throws java.io.IOException {
            one.write(b);
            two.write(b);
        }

        @Override
        public synchronized void write(byte[] b, int off, int len) throws java.io.IOException {
            one.write(b, off, len);
            two.write(b, off, len);
        }
    }
}
