package org.claimback.restic;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.commons.exec.CommandLine;
import org.apache.commons.exec.DefaultExecutor;
import org.apache.commons.exec.ExecuteException;
import org.apache.commons.exec.ExecuteResultHandler;
import org.apache.commons.exec.LogOutputStream;
import org.apache.commons.exec.ProcessDestroyer;
import org.apache.commons.exec.PumpStreamHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one restic child with Commons Exec: builds its environment, pumps stdout to a
 * {@link LineSink} and stderr into the {@code restic} log, and stops it when the calling thread
 * is interrupted.
 *
 * <p>Stopping: restic removes its lock when it gets SIGINT, on every version; 0.14 dies on
 * SIGTERM without removing it. So a cancel sends SIGINT (through {@code kill -INT}; Java can
 * only send SIGTERM and SIGKILL), gives restic {@link #GRACE} to clean up, then kills it and
 * its children with SIGKILL, and always waits for it to be gone. This is why there is no
 * {@code ExecuteWatchdog} here: its {@code destroyProcess()} sends SIGTERM.
 */
final class ResticProcess {
    static final Logger LOG = LoggerFactory.getLogger("restic");
    static final int TAIL_LINES = 20;
    static final Duration GRACE = Duration.ofSeconds(10);

    private ResticProcess() {}

    /**
     * Runs restic to its end, whatever its exit code. Throws NOT_INSTALLED (cannot start),
     * CANCELLED (interrupted), FAILED (no such working directory, unreadable output), and what
     * a {@link LineSink} threw.
     */
    static ResticRun run(ResticSettings settings, List<String> args, Path workingDir, LineSink stdout,
            LineSink stderr) {
        return run(settings, args, workingDir, stdout, stderr, ResticIo.PLAIN);
    }

    /** {@link #run(ResticSettings, List, Path, LineSink, LineSink)} with a wrapper, stdin or raw stdout (see {@link ResticIo}). */
    static ResticRun run(ResticSettings settings, List<String> commandArgs, Path workingDir, LineSink stdout,
            LineSink stderr, ResticIo io) {
        String command = commandArgs.stream().filter(a -> !a.startsWith("-")).findFirst().orElse("restic");
        List<String> args = withGlobalFlags(settings, commandArgs);
        Map<String, String> env = environment(System.getenv(), settings, workingDir);
        env.putAll(io.env());
        Path binary = resolveBinary(settings.binary(), env.get("PATH"));
        String commandLine = io.wrapper().isEmpty() ? commandLine(binary, args)
                : io.wrapper().stream().map(ResticProcess::quote).collect(Collectors.joining(" ")) + " " + commandLine(binary, args);
        CommandLine cmd;
        if (io.wrapper().isEmpty()) {
            cmd = new CommandLine(binary.toString());
        } else {
            cmd = new CommandLine(io.wrapper().get(0));
            io.wrapper().subList(1, io.wrapper().size()).forEach(a -> cmd.addArgument(a, false));
            cmd.addArgument(binary.toString(), false);
        }
        args.forEach(a -> cmd.addArgument(a, false));

        RetryWatch retries = RetryWatch.configured();
        Child child = new Child();
        LineSink watched = line -> {
            stderr.accept(line);
            if (retries.giveUp(line, System.nanoTime())) {
                LOG.warn("restic {}: {}, stopping restic", command, retries.refused()
                        ? "the repository refused the credentials" : "the repository did not answer for " + retries.window() + " of retries");
                child.interruptProcess();
                // restic's cleanup (unlocking) retries the same dead server: kill it after the grace
                java.util.concurrent.CompletableFuture.delayedExecutor(GRACE.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS)
                        .execute(child::killProcess);
            }
        };
        StderrLines errors = new StderrLines(settings, command, watched);
        Lines out = new Lines(stdout);
        DefaultExecutor executor = DefaultExecutor.builder()
                .setExecuteStreamHandler(new PumpStreamHandler(io.rawStdout() == null ? out : io.rawStdout(), errors, io.stdin()))
                .setWorkingDirectory(workingDir == null ? Path.of("").toAbsolutePath() : workingDir)
                .get();
        executor.setExitValues(null); // every exit code is an answer, not an exception
        executor.setProcessDestroyer(child);

        if (Thread.currentThread().isInterrupted()) {
            throw cancelled(settings, command, commandLine, errors, "before it started");
        }
        LOG.debug("restic {}: running {}{}", command, commandLine, workingDir == null ? "" : " in " + workingDir);
        if (io.stdin() != null && io.stdinEnd() != null) {
            child.onExit(io.stdinEnd());
        }
        try {
            executor.execute(cmd, env, child);
        } catch (IOException e) {
            throw new ResticException(ResticException.Kind.FAILED, ResticException.NO_EXIT_CODE, commandLine,
                    List.of(), "cannot run " + commandLine + ": " + e.getMessage(), e);
        }
        try {
            child.awaitEnd();
        } catch (InterruptedException e) {
            stop(child, command);
            Thread.currentThread().interrupt();
            throw cancelled(settings, command, commandLine, errors, "while it ran; the process was stopped");
        } finally {
            out.close();
            errors.close();
        }
        if (retries.refused()) {
            throw new ResticException(ResticException.Kind.FAILED, child.exitValue(), commandLine, errors.tail(),
                    "repository " + settings.redactedRepository() + " refused the credentials (restic " + command + ": "
                            + retries.reason() + "): check the repository's repositoryEnvFile and the key's permissions");
        }
        if (retries.gaveUp()) {
            throw new ResticException(ResticException.Kind.UNREACHABLE, child.exitValue(), commandLine, errors.tail(),
                    Unreachable.message(settings.redactedRepository(), "restic " + command + " kept retrying for "
                            + retries.window().toSeconds() + " s", retries.reason()));
        }
        ExecuteException failure = child.failure();
        if (failure != null && !child.started()) {
            throw new ResticException(ResticException.Kind.NOT_INSTALLED, ResticException.NO_EXIT_CODE, commandLine,
                    errors.tail(), "cannot run restic at " + binary + ": " + rootMessage(failure)
                            + ": install restic (apt-get install restic) or set restic.binary in the config", failure);
        }
        if (failure != null) {
            throw new ResticException(ResticException.Kind.FAILED, ResticException.NO_EXIT_CODE, commandLine,
                    errors.tail(), "restic " + command + " on repository " + settings.redactedRepository()
                            + ": reading its output failed: " + rootMessage(failure), failure);
        }
        out.rethrow();
        errors.rethrow();
        return new ResticRun(command, commandLine, child.exitValue(), errors.tail(), errors.headline());
    }

    /** The settings' global flags (options, limits) before the command; {@code version} needs none. */
    static List<String> withGlobalFlags(ResticSettings settings, List<String> args) {
        if (settings.globalFlags().isEmpty() || args.equals(List.of("version"))) {
            return args;
        }
        List<String> all = new java.util.ArrayList<>(settings.globalFlags());
        all.addAll(args);
        return all;
    }

    /** The parent's environment without its repository and password choices, plus ours. */
    static Map<String, String> environment(Map<String, String> parent, ResticSettings settings, Path workingDir) {
        Map<String, String> env = new HashMap<>(parent);
        ResticSettings.OWNED_VARIABLES.forEach(env::remove);
        env.putAll(settings.extraEnv());
        env.put("RESTIC_REPOSITORY", settings.repository());
        env.put("RESTIC_PASSWORD_FILE", settings.passwordFile().toAbsolutePath().toString());
        if (settings.cacheDir() != null) {
            env.put("RESTIC_CACHE_DIR", settings.cacheDir().toAbsolutePath().toString());
        }
        // one status line a second instead of 60 (restic's default with --json)
        env.putIfAbsent("RESTIC_PROGRESS_FPS", "1");
        if (workingDir != null) {
            // Go's os.Getwd() trusts $PWD when it names the working directory: restic then records
            // the directory as given rather than with its symbolic links resolved
            env.put("PWD", workingDir.toAbsolutePath().toString());
        }
        return env;
    }

    /** An absolute path, or a bare name found on {@code path}; NOT_INSTALLED otherwise. */
    static Path resolveBinary(Path binary, String path) {
        if (!binary.isAbsolute() && binary.getNameCount() == 1) {
            for (String dir : (path == null ? "" : path).split(File.pathSeparator)) {
                Path candidate = Path.of(dir.isEmpty() ? "." : dir).resolve(binary);
                if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                    return candidate.toAbsolutePath();
                }
            }
            throw notInstalled(binary, "restic not found on PATH (looked for `" + binary + "`)");
        }
        Path absolute = binary.toAbsolutePath();
        if (!Files.isRegularFile(absolute)) {
            throw notInstalled(absolute, "restic not found at " + absolute);
        }
        if (!Files.isExecutable(absolute)) {
            throw notInstalled(absolute, "restic at " + absolute + " is not executable");
        }
        return absolute;
    }

    private static ResticException notInstalled(Path binary, String what) {
        return new ResticException(ResticException.Kind.NOT_INSTALLED, ResticException.NO_EXIT_CODE,
                binary.toString(), List.of(), what + ": install it (apt-get install restic) or set restic.binary in the config");
    }

    static String commandLine(Path binary, List<String> args) {
        return binary + (args.isEmpty() ? "" : " ")
                + args.stream().map(ResticProcess::quote).collect(Collectors.joining(" "));
    }

    private static String quote(String arg) {
        return !arg.isEmpty() && arg.chars().noneMatch(c -> Character.isWhitespace(c) || "'\"\\$`".indexOf(c) >= 0)
                ? arg : "'" + arg.replace("'", "'\\''") + "'";
    }

    private static ResticException cancelled(ResticSettings settings, String command, String commandLine,
            StderrLines errors, String when) {
        return new ResticException(ResticException.Kind.CANCELLED, ResticException.NO_EXIT_CODE, commandLine,
                errors.tail(), "restic " + command + " on repository " + settings.redactedRepository()
                        + " was cancelled " + when);
    }

    /** SIGINT, {@link #GRACE}, then SIGKILL for restic and its children; returns once it is gone. */
    private static void stop(Child child, String command) {
        boolean interrupted = false;
        try {
            Process process = null;
            while (process == null && !child.ended()) {
                try {
                    process = child.awaitProcess();
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
            if (process == null) {
                return;
            }
            LOG.info("restic {}: cancelled, stopping process {}", command, process.pid());
            signalInterrupt(process);
            if (!awaitEnd(child, GRACE)) {
                LOG.warn("restic {}: process {} still runs {} after SIGINT, killing it", command, process.pid(),
                        GRACE);
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly();
            }
            while (!child.ended()) {
                try {
                    child.awaitEnd();
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

    private static void signalInterrupt(Process process) {
        try {
            Process kill = new ProcessBuilder("kill", "-INT", Long.toString(process.pid()))
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            if (kill.waitFor(5, TimeUnit.SECONDS) && kill.exitValue() == 0) {
                return;
            }
        } catch (IOException e) {
            LOG.debug("kill -INT {} failed: {}", process.pid(), e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        process.destroy();
    }

    /** Waits for the end even if interrupted meanwhile; true when it ended within {@code timeout}. */
    private static boolean awaitEnd(Child child, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        boolean interrupted = false;
        try {
            while (!child.ended()) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                try {
                    child.awaitEnd(left);
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
            return true;
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private static String rootMessage(Throwable t) {
        Throwable root = t;
        while (root.getCause() != null) {
            root = root.getCause();
        }
        return root.getMessage();
    }

    /**
     * The child as Commons Exec reports it: the {@link Process} once launched (through the
     * {@link ProcessDestroyer} hook, the one place the executor hands it out) and the end.
     */
    private static final class Child implements ProcessDestroyer, ExecuteResultHandler {
        private Process process;
        private boolean ended;
        private int exitValue = ResticException.NO_EXIT_CODE;
        private ExecuteException failure;

        private Runnable onExit;

        /**
         * Runs {@code action} once the process exits unsuccessfully (before its pumps are drained):
         * restic that exits 0 has read its standard input to the end.
         */
        synchronized void onExit(Runnable action) {
            onExit = action;
        }

        @Override
        public synchronized boolean add(Process p) {
            process = p;
            if (onExit != null) {
                Runnable action = onExit;
                p.onExit().thenAccept(ended -> {
                    if (ended.exitValue() != 0) {
                        action.run();
                    }
                });
            }
            notifyAll();
            return true;
        }

        @Override
        public boolean remove(Process p) {
            return true;
        }

        @Override
        public synchronized int size() {
            return process == null ? 0 : 1;
        }

        @Override
        public synchronized void onProcessComplete(int value) {
            exitValue = value;
            ended = true;
            notifyAll();
        }

        @Override
        public synchronized void onProcessFailed(ExecuteException e) {
            failure = e;
            ended = true;
            notifyAll();
        }

        synchronized boolean started() {
            return process != null;
        }

        synchronized boolean ended() {
            return ended;
        }

        synchronized int exitValue() {
            return exitValue;
        }

        synchronized ExecuteException failure() {
            return failure;
        }

        /** The process, or {@code null} if the child ended without one (it never started). */
        /** SIGINT to the process if it runs (as a cancel, without waiting): restic then ends by itself. */
        synchronized void interruptProcess() {
            if (process != null && !ended) {
                signalInterrupt(process);
            }
        }

        /** SIGKILL to the process and its children if it still runs (its lock stays: see repository.StaleLocks). */
        synchronized void killProcess() {
            if (process != null && !ended && process.isAlive()) {
                LOG.warn("restic: process {} still runs after SIGINT, killing it", process.pid());
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly();
            }
        }

        synchronized Process awaitProcess() throws InterruptedException {
            while (process == null && !ended) {
                wait();
            }
            return process;
        }

        synchronized void awaitEnd() throws InterruptedException {
            while (!ended) {
                wait();
            }
        }

        synchronized void awaitEnd(long nanos) throws InterruptedException {
            if (!ended) {
                TimeUnit.NANOSECONDS.timedWait(this, nanos);
            }
        }
    }

    /** Hands complete lines to a sink; a sink's exception is kept for the caller, not the pump. */
    private static class Lines extends LogOutputStream {
        private final LineSink sink;
        private RuntimeException sinkFailure;

        Lines(LineSink sink) {
            super(0, StandardCharsets.UTF_8);
            this.sink = sink;
        }

        @Override
        protected void processLine(String line, int level) {
            deliver(line);
        }

        final void deliver(String line) {
            if (sinkFailure != null) {
                return;
            }
            try {
                sink.accept(line);
            } catch (RuntimeException e) {
                LOG.warn("a consumer of restic's output failed, its later lines are dropped: {}", e.toString());
                sinkFailure = e;
            }
        }

        @Override
        public void close() {
            try {
                super.close();
            } catch (IOException e) {
                throw new IllegalStateException("cannot happen: closing a buffer", e);
            }
        }

        void rethrow() {
            if (sinkFailure != null) {
                throw sinkFailure;
            }
        }
    }

    /** stderr: made readable and redacted, logged with the command, kept as a tail and a headline. */
    private static final class StderrLines extends Lines {
        private final ResticSettings settings;
        private final String command;
        private final Deque<String> tail = new ArrayDeque<>();
        private String exitMessage;
        private String lastFatal;
        private String last;

        StderrLines(ResticSettings settings, String command, LineSink sink) {
            super(sink);
            this.settings = settings;
            this.command = command;
        }

        @Override
        protected void processLine(String raw, int level) {
            String redacted = settings.redact(raw);
            List<String> lines = ResticJson.readable(redacted);
            for (String line : lines) {
                LOG.warn("restic {}: {}", command, line);
                synchronized (this) {
                    tail.addLast(line);
                    if (tail.size() > TAIL_LINES) {
                        tail.removeFirst();
                    }
                    if (line.startsWith("Fatal:")) {
                        lastFatal = line;
                    }
                    last = line;
                    if (exitMessage == null && ResticJson.isExitError(redacted)) {
                        exitMessage = line;
                    }
                }
                deliver(line);
            }
        }

        synchronized List<String> tail() {
            return List.copyOf(tail);
        }

        synchronized String headline() {
            String line = exitMessage != null ? exitMessage : lastFatal != null ? lastFatal : last;
            return line == null ? "" : line.replaceFirst("^(Fatal: )+", "");
        }
    }
}
