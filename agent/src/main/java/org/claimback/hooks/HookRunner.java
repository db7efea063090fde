package org.claimback.hooks;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.claimback.config.HooksConfig;
import org.claimback.command.CommandEnvironment;
import org.claimback.command.ProcessTree;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs hook commands: one child process per call, in a session and process group of its own
 * (through util-linux {@code setsid}), with a cleaned environment, stdin from {@code /dev/null},
 * stdout and stderr merged, logged line by line and its tail kept, and a timeout after which the
 * command and everything it started are stopped ({@link ProcessTree}).
 */
public final class HookRunner {
    /** Environment variables claimback sets for hooks. */
    public static final String NAMESPACE = "CLAIMBACK_NAMESPACE", CLAIM = "CLAIMBACK_CLAIM",
        CLAIM_KEY = "CLAIMBACK_CLAIM_KEY", VOLUME_DIR = "CLAIMBACK_VOLUME_DIR", RUN_ID = "CLAIMBACK_RUN_ID",
        PHASE = "CLAIMBACK_PHASE", ERROR = "CLAIMBACK_ERROR";

    static final Logger LOG = LoggerFactory.getLogger("hook");
    /** How long the output may still flow after the command exited (a process it left behind may hold the pipe). */
    static final Duration DRAIN = Duration.ofSeconds(2);
    private static final List<Path> SETSID = List.of(Path.of("/usr/bin/setsid"), Path.of("/bin/setsid"));
    private static final String SETSID_FAILED = "setsid: failed to execute ";

    private final Map<String, String> parentEnvironment;
    private final Path setsid;

    public HookRunner(Map<String, String> parentEnvironment) {   // usually System.getenv()
        this.parentEnvironment = Map.copyOf(parentEnvironment);
        this.setsid = SETSID.stream().filter(Files::isExecutable).findFirst().orElse(null);
        if (setsid == null) {
            LOG.warn("setsid not found (install util-linux): a hook's grandchildren that leave its process tree"
                    + " cannot be stopped on timeout");
        }
    }

    /** Runs command with the parent environment minus secrets (every RESTIC_*, AWS_*, B2_*, AZURE_*, GOOGLE_*,
     *  OS_*, ST_* variable, and CLAIMBACK_* ones inherited) plus vars, stdin from /dev/null, stdout+stderr merged,
     *  working directory workingDir. Each output line is logged (logger "hook", prefix with phase and label) and the
     *  last 20 lines (each cut to 300 chars) kept. On timeout: the command AND its descendants are killed
     *  (SIGTERM, 5 s grace, SIGKILL) and the result says timedOut; the call returns soon after the timeout even if a
     *  grandchild keeps the output pipe open. Interrupting the calling thread kills them the same way and throws
     *  InterruptedException. A command that cannot start (no such file) gives exitCode -1 and startError, not an exception. */
    public HookResult run(String phase, String label, List<String> command, Map<String, String> vars, Duration timeout,
                          Path workingDir) throws InterruptedException {
        String prefix = phase + " hook " + label;
        if (Thread.interrupted()) {
            throw new InterruptedException(prefix + " was cancelled before it started");
        }
        Duration limit = timeout == null ? HooksConfig.DEFAULT_TIMEOUT : timeout;
        Map<String, String> env = CommandEnvironment.of(parentEnvironment, vars);
        Path dir = workingDir == null ? Path.of("/") : workingDir;
        String shown = HookResult.shellLine(command);
        long start = System.nanoTime();
        String cannot = cannotStart(command, env.get("PATH"), dir);
        if (cannot != null) {
            return notStarted(phase, prefix, command, cannot + ": fix claims[].hooks." + phase + " in the config", start);
        }
        List<String> argv = new ArrayList<>();
        if (setsid != null) {
            argv.add(setsid.toString());
            argv.add("--wait"); // only matters if setsid must fork, which it does not when started from here
        }
        argv.addAll(command);
        ProcessBuilder builder = new ProcessBuilder(argv).directory(dir.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null"))).redirectErrorStream(true);
        builder.environment().clear();
        builder.environment().putAll(env);
        LOG.info("{}: running {} in {} (timeout {})", prefix, shown, dir, HookResult.human(limit));
        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            return notStarted(phase, prefix, command, e.getMessage(), start);
        }
        OutputTail output = OutputTail.start(process.getInputStream(), LOG, prefix);
        boolean ended;
        try {
            ended = process.waitFor(Math.max(1, limit.toNanos()), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            new ProcessTree(process, LOG, prefix).stop();
            output.awaitEnd(DRAIN);
            LOG.warn("{}: cancelled after {}; it and what it started were stopped", prefix, HookResult.human(since(start)));
            throw new InterruptedException(prefix + " was cancelled; it and what it started were stopped");
        }
        Duration took = since(start);
        int exitCode = -1;
        if (!ended) {
            LOG.warn("{}: still running after its timeout of {}", prefix, HookResult.human(limit));
            new ProcessTree(process, LOG, prefix).stop();
        } else {
            exitCode = process.exitValue();
        }
        if (!output.awaitEnd(DRAIN)) {
            LOG.warn("{}: ended, but a process it left running still holds its output; not waiting for it", prefix);
        }
        List<String> tail = output.tail();
        String startError = null;
        if (setsid != null && ended && (exitCode == 126 || exitCode == 127) && !tail.isEmpty()
                && tail.get(tail.size() - 1).startsWith(SETSID_FAILED)) {
            startError = tail.get(tail.size() - 1).substring(SETSID_FAILED.length())
                    + ": fix claims[].hooks." + phase + " in the config";
            exitCode = -1;
        }
        HookResult result = new HookResult(phase, command, exitCode, !ended, tail, took, startError);
        if (result.ok()) {
            LOG.info("{}: exited 0 after {}", prefix, HookResult.human(took));
        } else {
            LOG.warn("{}: {}", prefix, result.summary());
        }
        return result;
    }

    /** The vars for one volume's hooks: NAMESPACE and CLAIM (empty string when unknown), CLAIM_KEY, VOLUME_DIR, RUN_ID, PHASE. */
    public static Map<String, String> vars(String namespace, String claim, String claimKey, Path volumeDir, long runId,
                                           String phase) {
        Map<String, String> vars = new LinkedHashMap<>();
        vars.put(NAMESPACE, namespace == null ? "" : namespace);
        vars.put(CLAIM, claim == null ? "" : claim);
        vars.put(CLAIM_KEY, claimKey == null ? "" : claimKey);
        vars.put(VOLUME_DIR, volumeDir.toAbsolutePath().toString());
        vars.put(RUN_ID, Long.toString(runId));
        vars.put(PHASE, phase);
        return vars;
    }

    private static HookResult notStarted(String phase, String prefix, List<String> command, String why, long start) {
        HookResult result = new HookResult(phase, command, -1, false, List.of(), since(start), why);
        LOG.warn("{}: {}", prefix, result.summary());
        return result;
    }

    /**
     * Why {@code command} cannot start, or null: its program is looked up as exec would (a name with
     * a slash relative to the working directory, a bare name on the hook's PATH).
     */
    static String cannotStart(List<String> command, String path, Path workingDir) {
        if (command.isEmpty() || command.get(0).isEmpty()) {
            return "no program named";
        }
        if (!Files.isDirectory(workingDir)) {
            return "working directory " + workingDir + " does not exist";
        }
        String program = command.get(0);
        if (program.contains("/")) {
            Path file = workingDir.resolve(program);
            if (!Files.exists(file)) {
                return "no such file";
            }
            return Files.isRegularFile(file) && Files.isExecutable(file) ? null : "not an executable file";
        }
        for (String entry : (path == null ? "/usr/local/bin:/usr/bin:/bin" : path).split(File.pathSeparator)) {
            Path file = workingDir.resolve(entry.isEmpty() ? "." : entry).resolve(program);
            if (Files.isRegularFile(file) && Files.isExecutable(file)) {
                return null;
            }
        }
        return "not found on PATH";
    }

    private static Duration since(long start) {
        return Duration.ofNanos(System.nanoTime() - start);
    }
}
