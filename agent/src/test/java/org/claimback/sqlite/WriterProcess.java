package org.claimback.sqlite;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.claimback.testing.SqliteWriter;

/** A {@link SqliteWriter} running in another JVM; closing it ends it (stdin closed, then killed). */
final class WriterProcess implements AutoCloseable {
    private final Process process;
    private final Path log;

    private WriterProcess(Process process, Path log) {
        this.process = process;
        this.log = log;
    }

    /** Starts a writer committing continuously in the given journal mode; returns once it printed "ready". */
    static WriterProcess committing(Path db, String mode) throws IOException {
        return start(db, "ready", mode);
    }

    /** Starts a writer that holds BEGIN EXCLUSIVE for the given seconds; returns once it holds it. */
    static WriterProcess holdingExclusiveLock(Path db, int seconds) throws IOException {
        return start(db, "locked", "delete", "hold", Integer.toString(seconds));
    }

    private static WriterProcess start(Path db, String awaited, String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(Paths.get(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), SqliteWriter.class.getName(), db.toString()));
        command.addAll(List.of(args));
        Path log = Files.createTempFile("sqlite-writer", ".log");
        Process p = new ProcessBuilder(command).redirectError(log.toFile()).start();
        WriterProcess writer = new WriterProcess(p, log);
        BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        String line = out.readLine();
        if (!awaited.equals(line)) {
            writer.close();
            throw new IllegalStateException("the writer " + command + " printed " + line + " instead of " + awaited
                    + "; stderr: " + Files.readString(log));
        }
        return writer;
    }

    boolean alive() {
        return process.isAlive();
    }

    String stderr() throws IOException {
        return Files.readString(log);
    }

    /** Kills the writer at once (SIGKILL), as a crash would. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(10, TimeUnit.SECONDS);
    }

    @Override
    public void close() throws IOException {
        try {
            process.getOutputStream().close();
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                process.waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        } finally {
            Files.deleteIfExists(log);
        }
    }
}
