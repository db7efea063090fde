package org.claimback.catalog;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** A real second JVM running {@link CatalogChild}, with its output kept for failure messages. */
final class ChildJvm {

    private final List<String> command;
    private final Process process;
    private final Path stderr;
    private final BufferedReader stdout;
    private final StringBuilder seen = new StringBuilder();

    private ChildJvm(List<String> command, Process process, Path stderr) {
        this.command = command;
        this.process = process;
        this.stderr = stderr;
        this.stdout = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
    }

    static ChildJvm start(Path workDir, String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), CatalogChild.class.getName()));
        command.addAll(List.of(args));
        Path stderr = Files.createTempFile(workDir, "child", ".stderr");
        Process process = new ProcessBuilder(command).redirectError(stderr.toFile()).start();
        return new ChildJvm(command, process, stderr);
    }

    /** The next line the child printed, or a failure showing what it printed so far. */
    String readLine() throws IOException {
        String line = stdout.readLine();
        if (line == null) {
            throw new AssertionError("child ended without printing a line\n" + describe());
        }
        seen.append(line).append('\n');
        return line;
    }

    /** Waits for the child to end and returns its exit code. */
    int waitFor(long seconds) throws Exception {
        if (!process.waitFor(seconds, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
            throw new AssertionError("child did not end within " + seconds + " s\n" + describe());
        }
        return process.exitValue();
    }

    /** kill -9, and wait until it is gone. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor();
    }

    long pid() {
        return process.pid();
    }

    String describe() {
        String err;
        try {
            err = Files.readString(stderr);
        } catch (IOException e) {
            err = "(unreadable: " + e + ")";
        }
        return "command: " + String.join(" ", command) + "\nstdout:\n" + seen + "\nstderr:\n" + err;
    }
}
