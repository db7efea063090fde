package org.claimback.agent;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.claimback.catalog.Catalog;
import org.claimback.catalog.RunRecord;
import org.claimback.testing.TestSetup;

/** One real {@code claimback-agent} JVM of a test, its log, and its child processes. */
final class AgentProcess implements AutoCloseable {
    final Process process;
    final Path log;

    private AgentProcess(Process process, Path log) {
        this.process = process;
        this.log = log;
    }

    static AgentProcess start(TestSetup setup, Path log) throws Exception {
        Process p = new ProcessBuilder(AgentMainTest.javaBin(), "-cp", System.getProperty("java.class.path"),
                AgentMain.class.getName(), "--config", setup.config().toString())
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
        return new AgentProcess(p, log);
    }

    String output() throws Exception {
        return AgentMainTest.read(log);
    }

    /** The log so far, for failure messages. */
    @Override
    public String toString() {
        try {
            return output();
        } catch (Exception e) {
            return "(cannot read " + log + ": " + e + ")";
        }
    }

    void waitFor(BooleanSupplier condition, Duration limit) throws Exception {
        AgentMainTest.waitFor(condition, limit, process, log);
    }

    /** SIGTERM, then waits up to {@code limit} for the JVM to exit; returns how long it took. */
    Duration terminate(Duration limit) throws Exception {
        Instant start = Instant.now();
        process.destroy();
        if (!process.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new AssertionError("agent did not stop within " + limit + "\n" + output());
        }
        return Duration.between(start, Instant.now());
    }

    /** The agent's descendants whose command line contains {@code text}. */
    List<ProcessHandle> descendants(String text) {
        List<ProcessHandle> found = new ArrayList<>();
        process.descendants().filter(h -> h.info().commandLine().orElse("").contains(text)).forEach(found::add);
        return found;
    }

    @Override
    public void close() {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
    }

    /** A restic stand-in that waits {@code seconds} before each backup (SIGINT ends the wait as restic would end) and then runs the real one. */
    static Path slowBackups(Path dir, Path realRestic, int seconds) throws Exception {
        Path script = dir.resolve("slow-restic");
        Files.writeString(script, "#!/bin/sh\n"
                + "for a in \"$@\"; do\n"
                + "  if [ \"$a\" = backup ]; then\n"
                + "    trap 'kill $s 2>/dev/null; exit 130' INT TERM\n"
                + "    sleep " + seconds + " & s=$!\n"
                + "    wait $s\n"
                + "    trap - INT TERM\n"
                + "    break\n"
                + "  fi\n"
                + "done\n"
                + "exec " + realRestic + " \"$@\"\n", StandardCharsets.UTF_8);
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
        return script;
    }

    static List<RunRecord> runs(TestSetup setup, String kind) {
        if (!Files.exists(setup.catalog())) {
            return List.of();
        }
        try (Catalog catalog = Catalog.open(setup.catalog())) {
            return catalog.runsOfKind(kind, null, 1000);
        }
    }

    static Optional<RunRecord> newest(TestSetup setup, String kind, String state) {
        return runs(setup, kind).stream().filter(r -> r.state().equals(state)).findFirst();
    }

    /** The setup with {@code restic.binary} set to {@code binary}, its config rewritten with {@code extra}. */
    static TestSetup withBinary(TestSetup setup, Path binary, String extra) throws Exception {
        TestSetup changed = new TestSetup(setup.dir(), setup.export(), setup.repository(), setup.passwordFile(),
                setup.catalog(), setup.config(), binary);
        changed.writeConfig(extra);
        return changed;
    }

    /** Plain restic on the setup's repository: exit code and output. */
    static PlainResult plainRestic(TestSetup setup, Path realRestic, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(realRestic.toString(), "-r", setup.repository().toString(),
                "--password-file", setup.passwordFile().toString(), "--no-cache"));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
        pb.environment().keySet().removeIf(name -> name.startsWith("RESTIC_"));
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("restic " + String.join(" ", args) + " did not end");
        }
        return new PlainResult(String.join(" ", command), p.exitValue(), out);
    }

    record PlainResult(String command, int exitCode, String output) {
        @Override
        public String toString() {
            return command + " -> exit " + exitCode + "\n" + output;
        }
    }
}
