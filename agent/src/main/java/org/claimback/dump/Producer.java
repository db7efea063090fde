package org.claimback.dump;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.claimback.command.ProcessTree;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A running dump producer: its standard output counted as it is read, its stderr logged with a
 * prefix and its last lines kept, and a way to kill it with everything it started. It runs in a
 * session of its own ({@code setsid}) so that its whole process group can be killed, also children
 * that outlived it while still holding its standard output.
 */
final class Producer {
    private static final Logger LOG = LoggerFactory.getLogger(Producer.class);
    private static final Path SETSID = Path.of("/usr/bin/setsid");
    private static final int TAIL_LINES = 5;
    private static final int MAX_LINE = 300;

    private final Process process;
    private final String label;
    private final CountingStream stdout;
    private final Thread stderrReader;
    private final Deque<String> tail = new ArrayDeque<>();
    private volatile boolean killed;

    private Producer(Process process, String label) {
        this.process = process;
        this.label = label;
        this.stdout = new CountingStream(process.getInputStream());
        this.stderrReader = new Thread(this::readStderr, "claimback-dump-stderr-" + process.pid());
        this.stderrReader.setDaemon(true);
        this.stderrReader.start();
    }

    /**
     * Starts {@code argv} with standard input from /dev/null in {@code /}.
     *
     * @param label names the dump in logs ("dump app.sql of media/db")
     * @throws IOException one line saying why it cannot start (not found, not executable)
     */
    static Producer start(List<String> argv, Map<String, String> env, String label) throws IOException {
        if (argv.isEmpty() || argv.get(0).isBlank()) {
            throw new IOException("its command is empty");
        }
        Path executable = resolve(argv.get(0), env.get("PATH"));
        List<String> command = new ArrayList<>();
        if (Files.isExecutable(SETSID)) {
            command.add(SETSID.toString());
        }
        command.add(executable.toString());
        command.addAll(argv.subList(1, argv.size()));
        ProcessBuilder builder = new ProcessBuilder(command).directory(new File("/"))
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        builder.environment().clear();
        builder.environment().putAll(env);
        Process process = builder.start();
        LOG.debug("{}: producer started as process {}", label, process.pid());
        return new Producer(process, label);
    }

    /** The executable as given when it holds a '/', else found on {@code path}. */
    private static Path resolve(String name, String path) throws IOException {
        if (name.contains("/")) {
            Path file = Path.of(name);
            if (!Files.isRegularFile(file)) {
                throw new IOException(name + " does not exist");
            }
            if (!Files.isExecutable(file)) {
                throw new IOException(name + " is not executable");
            }
            return file;
        }
        for (String dir : (path == null ? "/usr/local/bin:/usr/bin:/bin" : path).split(File.pathSeparator)) {
            Path candidate = Path.of(dir.isEmpty() ? "." : dir).resolve(name);
            if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                return candidate;
            }
        }
        throw new IOException(name + " is not on PATH");
    }

    long pid() {
        return process.pid();
    }

    /** Its standard output; reading it counts the bytes. */
    InputStream stdout() {
        return stdout;
    }

    long bytes() {
        return stdout.count();
    }

    /** Whether its standard output reached its end (every writer closed it). */
    boolean stdoutEnded() {
        return stdout.ended();
    }

    boolean alive() {
        return process.isAlive();
    }

    /** Waits up to {@code timeout} for the producer itself to exit. */
    boolean waitFor(Duration timeout) throws InterruptedException {
        return process.waitFor(Math.max(0, timeout.toMillis()), TimeUnit.MILLISECONDS);
    }

    /** Its exit code, -1 while it runs; 128+N when signal N ended it. */
    int exitCode() {
        return process.isAlive() ? -1 : process.exitValue();
    }

    /** Whether {@link #kill()} was called. */
    boolean killed() {
        return killed;
    }

    /**
     * Stops it with everything it started ({@link ProcessTree}: SIGTERM, a grace, SIGKILL, its
     * session's process group included), then waits up to 10 s for it. Keeps the thread's interrupt.
     */
    void kill() {
        killed = true;
        new ProcessTree(process, LOG, label).stop();
        boolean interrupted = Thread.interrupted();
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (process.isAlive() && System.nanoTime() < deadline) {
                try {
                    process.waitFor(100, TimeUnit.MILLISECONDS);
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Waits a little for its stderr to reach its end, so that the tail holds its last words. */
    void awaitStderr(Duration timeout) {
        try {
            stderrReader.join(Math.max(1, timeout.toMillis()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The last stderr line, or "" when it wrote none. */
    synchronized String lastStderrLine() {
        return tail.isEmpty() ? "" : tail.getLast();
    }

    /** Its last stderr lines, oldest first. */
    synchronized List<String> stderrTail() {
        return List.copyOf(tail);
    }

    private void readStderr() {
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(process.getErrorStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                String clean = line.strip();
                if (clean.isEmpty()) {
                    continue;
                }
                if (clean.length() > MAX_LINE) {
                    clean = clean.substring(0, MAX_LINE) + "...";
                }
                LOG.warn("{}: {}", label, clean);
                synchronized (this) {
                    tail.addLast(clean);
                    if (tail.size() > TAIL_LINES) {
                        tail.removeFirst();
                    }
                }
            }
        } catch (IOException e) {
            LOG.debug("{}: reading the producer's stderr stopped: {}", label, e.toString());
        }
    }

    /** Counts what passes and notes the end. */
    private static final class CountingStream extends InputStream {
        private final InputStream in;
        private final AtomicLong count = new AtomicLong();
        private volatile boolean ended;

        CountingStream(InputStream in) {
            this.in = in;
        }

        long count() {
            return count.get();
        }

        boolean ended() {
            return ended;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            int n = read(one, 0, 1);
            return n < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n;
            try {
                n = in.read(b, off, len);
            } catch (IOException e) {
                ended = true;
                throw e;
            }
            if (n < 0) {
                ended = true;
            } else {
                count.addAndGet(n);
            }
            return n;
        }

        @Override
        public void close() throws IOException {
            in.close();
        }
    }
}
