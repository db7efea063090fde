package org.claimback.hosts;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.claimback.restic.ResticSettings;

/**
 * Another server's real restic process holding the shared repository's lock for as long as a test
 * wants: a {@code restic prune} frozen (SIGSTOP) the moment its exclusive lock appears in the
 * repository's {@code locks/} directory, or a {@code restic backup --stdin} that holds its shared
 * lock while its standard input stays open. {@link #release} lets it finish normally; restic then
 * removes its own lock.
 */
final class LockHolder implements AutoCloseable {
    private final Process process;
    private final boolean frozen;

    private LockHolder(Process process, boolean frozen) {
        this.process = process;
        this.frozen = frozen;
    }

    /**
     * {@code restic prune} of {@code settings} (a local repository), frozen while it holds its
     * exclusive lock: stopped as soon as a lock file has content, then proven with {@code restic
     * list locks}; a prune stopped a moment too early is let go and another is started.
     */
    static LockHolder frozenPrune(ResticSettings settings) throws Exception {
        Path locks = Path.of(settings.repository()).resolve("locks");
        for (int attempt = 1; attempt <= 5; attempt++) {
            if (lockCount(locks) != 0) {
                throw new AssertionError("the repository is locked already: " + locks);
            }
            Process p = start(settings, List.of("prune")).redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                    .start();
            Instant deadline = Instant.now().plusSeconds(30);
            while (lockCount(locks) == 0) {
                if (!p.isAlive() || Instant.now().isAfter(deadline)) {
                    p.destroyForcibly().waitFor();
                    throw new AssertionError("restic prune made no lock before it ended (exit " + p.exitValue() + ")");
                }
                Thread.sleep(1);
            }
            signal("STOP", p.pid());
            boolean held = new org.claimback.restic.Restic(settings).listLocks().stream()
                    .anyMatch(l -> l.exclusive() && l.pid() == p.pid());
            if (held) {
                return new LockHolder(p, true);
            }
            signal("CONT", p.pid());
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                p.destroyForcibly().waitFor();
            }
        }
        throw new AssertionError("could not freeze a restic prune while it held its lock in 5 attempts");
    }

    /** {@code restic backup --stdin --host HOST} of {@code settings}, holding its shared lock until released. */
    static LockHolder openBackup(ResticSettings settings, String host) throws Exception {
        Path locks = Path.of(settings.repository()).resolve("locks");
        Process p = start(settings, List.of("backup", "--stdin", "--stdin-filename", "held.txt", "--host", host)).start();
        Instant deadline = Instant.now().plusSeconds(30);
        while (lockCount(locks) == 0) {
            if (!p.isAlive() || Instant.now().isAfter(deadline)) {
                p.destroyForcibly().waitFor();
                throw new AssertionError("restic backup --stdin made no lock");
            }
            Thread.sleep(10);
        }
        return new LockHolder(p, false);
    }

    /** Lets the holder finish (SIGCONT, or its stdin ends); returns restic's exit code. */
    int release() throws Exception {
        if (frozen) {
            signal("CONT", process.pid());
        } else {
            try (OutputStream in = process.getOutputStream()) {
                in.write("what server b was backing up\n".getBytes());
            }
        }
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            throw new AssertionError("the lock holder did not end within 60 s after release");
        }
        return process.exitValue();
    }

    boolean alive() {
        return process.isAlive();
    }

    @Override
    public void close() throws IOException {
        if (process.isAlive()) {
            try {
                if (frozen) {
                    signal("CONT", process.pid());
                }
                process.destroyForcibly().waitFor();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private static ProcessBuilder start(ResticSettings settings, List<String> args) {
        List<String> command = new java.util.ArrayList<>(List.of(settings.binary().toString()));
        command.addAll(args);
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD);
        pb.environment().keySet().removeIf(name -> name.startsWith("RESTIC_"));
        pb.environment().put("RESTIC_REPOSITORY", settings.repository());
        pb.environment().put("RESTIC_PASSWORD_FILE", settings.passwordFile().toString());
        pb.environment().put("RESTIC_CACHE_DIR", settings.cacheDir().toString());
        return pb;
    }

    /** How many lock files in {@code locks} are in place with content. */
    private static long lockCount(Path locks) throws IOException {
        if (!Files.isDirectory(locks)) {
            return 0;
        }
        try (Stream<Path> files = Files.list(locks)) {
            // restic 0.18 writes <id>-tmp-<n> and renames it: only a lock under its own id counts
            return files.filter(f -> f.getFileName().toString().matches("[0-9a-f]{64}")).filter(f -> {
                try {
                    return Files.size(f) > 0;
                } catch (IOException e) {
                    return false; // gone meanwhile
                }
            }).count();
        }
    }

    private static void signal(String signal, long pid) throws IOException, InterruptedException {
        Process kill = new ProcessBuilder("kill", "-" + signal, Long.toString(pid)).inheritIO().start();
        if (kill.waitFor() != 0) {
            throw new AssertionError("kill -" + signal + " " + pid + " failed");
        }
    }
}
