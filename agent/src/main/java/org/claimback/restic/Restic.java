package org.claimback.restic;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Locale;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.claimback.restic.ResticException.Kind;

/**
 * One restic binary and one repository. Each method runs one restic process in the calling
 * thread and returns typed results or throws a typed {@link ResticException}; interrupting the
 * thread stops the process. Thread-safe: backups may run in parallel.
 *
 * <p>Every high-level method first checks the version ({@link #version()}, cached). Further
 * commands build on {@link #run(List, Path, LineSink, LineSink)} and {@link #failure(ResticRun)}.
 */
public final class Restic {

    /** At most this many warning lines are kept per backup or restore; one more line counts the rest. */
    public static final int MAX_WARNINGS = 100;

    /** An HTTP 404 status, not the digits 404 inside a port, a path or a bucket name. */
    private static final Pattern HTTP_404 = Pattern.compile("(?<![\\w/.:-])404(?![\\w/.:-])");

    private static final Pattern LOCK_HOLDER = Pattern.compile("locked (exclusively )?by (PID \\d+ on \\S+ by \\S+)");

    private final ResticSettings settings;
    private volatile ResticVersion version;

    public Restic(ResticSettings settings) {
        this.settings = settings;
    }

    public ResticSettings settings() {
        return settings;
    }

    /** A repository string as it may be shown: {@code user:password@} removed from URLs. */
    public static String redact(String repository) {
        return ResticSettings.redactRepository(repository);
    }

    /**
     * {@code restic version}, once per instance. NOT_INSTALLED when the binary is missing or not
     * executable, UNSUPPORTED_VERSION when it is older than {@link ResticVersion#MINIMUM} or is
     * not restic.
     */
    public ResticVersion version() {
        ResticVersion known = version;
        if (known != null) {
            return known;
        }
        List<String> out = new ArrayList<>();
        ResticRun run = run(List.of("version"), null, out::add);
        String first = out.isEmpty() ? "" : out.get(0);
        ResticVersion parsed = ResticVersion.parse(first).orElseThrow(() -> new ResticException(
                Kind.UNSUPPORTED_VERSION, run.exitCode(), run.commandLine(), run.stderrTail(),
                settings.binary() + " is not restic: `" + run.commandLine() + "` printed \"" + first + "\""
                        + (run.succeeded() ? "" : " and exited " + run.exitCode())
                        + ": set restic.binary in the config to a restic binary"));
        if (!parsed.isSupported()) {
            throw new ResticException(Kind.UNSUPPORTED_VERSION, run.exitCode(), run.commandLine(), run.stderrTail(),
                    "restic at " + settings.binary() + " is " + parsed.number() + ", claimback needs "
                            + ResticVersion.MINIMUM.number() + " or newer: install a newer restic or set restic.binary in the config");
        }
        version = parsed;
        return parsed;
    }

    /**
     * Whether the repository opens: {@code restic cat config}. False when there is none at the
     * location; true also when it is locked (the lock is checked after the key, so it exists and
     * the password is right). A wrong password and every other failure throw.
     */
    public boolean repositoryExists() {
        version();
        ResticRun run = run(List.of("cat", "config", "--json"), null, LineSink.DISCARD);
        if (run.succeeded()) {
            return true;
        }
        ResticException failure = failure(run);
        return switch (failure.kind()) {
            case REPOSITORY_MISSING -> false;
            case LOCKED -> true;
            default -> throw failure;
        };
    }

    /** {@code restic init}: creates the repository; fails if one exists there already. */
    public void init() {
        List<String> args = new ArrayList<>(List.of("init"));
        if (version().initSupportsJson()) {
            args.add("--json");
        }
        ResticRun run = run(args, null, LineSink.DISCARD);
        if (!run.succeeded()) {
            throw failure(run);
        }
        ResticProcess.LOG.info("restic init: created repository {}", settings.redactedRepository());
    }

    /**
     * {@code cd DIRECTORY && restic backup . --host H --tag T... --json}. Exit 0 is a complete
     * snapshot, exit 3 a partial one (saved, but some files could not be read); anything else
     * throws.
     *
     * @param progress receives restic's status lines (about one a second), in a pump thread;
     *     may be {@code null}
     */
    public BackupResult backup(BackupRequest request, Consumer<BackupProgress> progress) {
        Consumer<BackupProgress> progressSink = progress == null ? p -> { } : progress;
        version();
        if (!Files.isDirectory(request.directory())) {
            throw new ResticException(Kind.FAILED, ResticException.NO_EXIT_CODE, "restic backup", List.of(),
                    "cannot back up " + request.directory() + ": it is not a directory");
        }
        List<String> args = new ArrayList<>(List.of("backup", ".", "--host", request.host()));
        request.tags().forEach(tag -> {
            args.add("--tag");
            args.add(tag);
        });
        request.view().excludes().forEach(path -> {
            args.add("--exclude");
            args.add(MountView.excludePattern(path));
        });
        args.add("--json");
        Warnings warnings = new Warnings();
        BackupSummary[] summary = new BackupSummary[1];
        // the same trees whether the volume is read live or through a snapshot (a device of its own)
        Map<String, String> env = version().hasDeviceIdForHardlinksFeature()
                ? Map.of("RESTIC_FEATURES", "device-id-for-hardlinks") : Map.of();
        ResticIo io = new ResticIo(request.view().wrapper(request.directory()), null, null, env);
        ResticRun run = ResticProcess.run(settings, args, request.directory(), line -> {
            JsonNode node = ResticJson.object(line);
            if (node == null) {
                ResticProcess.LOG.debug("restic backup: {}", line);
                return;
            }
            switch (ResticJson.messageType(node)) {
                case "status" -> progressSink.accept(ResticJson.backupProgress(node));
                case "summary" -> summary[0] = ResticJson.backupSummary(node);
                case "error" -> warnings.add(logged("backup", ResticJson.errorMessage(node)));
                default -> ResticProcess.LOG.debug("restic backup: {}", line);
            }
        }, warnings::addUnlessExitMessage, io);
        if (run.exitCode() != 0 && run.exitCode() != 3) {
            throw failure(run);
        }
        if (summary[0] == null || summary[0].snapshotId().isEmpty()) {
            throw new ResticException(Kind.FAILED, run.exitCode(), run.commandLine(), run.stderrTail(),
                    "restic backup of " + request.directory() + " exited " + run.exitCode()
                            + " but reported no snapshot: check the repository " + settings.redactedRepository());
        }
        return new BackupResult(summary[0], run.exitCode() == 3, warnings.lines());
    }

    /** {@code restic snapshots --json} with the filter applied by restic; oldest first. */
    public List<Snapshot> snapshots(SnapshotFilter filter) {
        version();
        List<String> args = new ArrayList<>(List.of("snapshots", "--json"));
        if (!filter.tags().isEmpty()) {
            args.add("--tag");
            args.add(String.join(",", filter.tags()));
        }
        if (filter.host() != null) {
            args.add("--host");
            args.add(filter.host());
        }
        filter.paths().forEach(path -> {
            args.add("--path");
            args.add(path);
        });
        StringBuilder json = new StringBuilder();
        ResticRun run = run(args, null, line -> json.append(line).append('\n'));
        if (!run.succeeded()) {
            throw failure(run);
        }
        try {
            return ResticJson.snapshots(json.toString());
        } catch (RuntimeException e) {
            throw new ResticException(Kind.FAILED, run.exitCode(), run.commandLine(), run.stderrTail(),
                    "cannot read the output of restic snapshots: " + e.getMessage(), e);
        }
    }

    /** {@link #restore(RestoreRequest, Consumer)} without progress. */
    public RestoreResult restore(RestoreRequest request) {
        return restore(request, null);
    }

    /**
     * {@code restic restore ID --target T [--verify]}, with {@code --json} where restic supports
     * it (0.16+) so the counts are known. Any non-zero exit throws: a restore has no partial
     * result; with {@code --verify} a file that reads back differently fails the restore.
     *
     * <p>Runs with {@code --no-lock}: a restore only reads, so the worst a concurrent {@code prune}
     * can do is make it fail, loudly (restic's maintainers say the same of read-only commands). A
     * lock would cost every restore a lock file and, since 0.16, a 200 ms wait for lock races; and
     * restic 0.14 stalls for about 45 s when a lock file it listed vanishes before it reads it
     * (restic #1523, #3652), which parallel restores of small claims provoke.
     *
     * @param progress receives restic's status lines (about one a second) in a pump thread; restic
     *     0.14 and 0.15 print none. May be {@code null}
     */
    public RestoreResult restore(RestoreRequest request, Consumer<RestoreProgress> progress) {
        Consumer<RestoreProgress> progressSink = progress == null ? p -> { } : progress;
        boolean json = version().restoreSupportsJson();
        List<String> args = new ArrayList<>(List.of("restore", request.snapshotId(), "--target",
                request.target().toString(), "--no-lock"));
        if (request.verify()) {
            args.add("--verify");
        }
        if (json) {
            args.add("--json");
        }
        Warnings warnings = new Warnings();
        Long[] counts = new Long[2];
        ResticRun run = run(args, null, line -> {
            JsonNode node = ResticJson.object(line);
            if (node == null) {
                ResticProcess.LOG.debug("restic restore: {}", line);
                return;
            }
            switch (ResticJson.messageType(node)) {
                case "summary" -> {
                    counts[0] = node.path("files_restored").asLong(0);
                    counts[1] = node.path("bytes_restored").asLong(0);
                }
                case "status" -> progressSink.accept(new RestoreProgress(node.path("percent_done").asDouble(0),
                        node.path("bytes_restored").asLong(0), node.path("total_bytes").asLong(0),
                        node.path("files_restored").asLong(0), node.path("total_files").asLong(0)));
                case "error" -> warnings.add(logged("restore", ResticJson.errorMessage(node)));
                default -> ResticProcess.LOG.debug("restic restore: {}", line);
            }
        }, warnings::add);
        if (!run.succeeded()) {
            ResticException failure = failure(run);
            if (failure.kind() != Kind.FAILED) {
                throw failure;
            }
            List<String> errors = warnings.lines();
            String first = errors.isEmpty() || errors.get(0).endsWith(run.headline()) ? "" : " (first: " + errors.get(0) + ")";
            throw new ResticException(Kind.FAILED, run.exitCode(), run.commandLine(), run.stderrTail(),
                    "restic restore of snapshot " + request.snapshotId() + " from repository " + settings.redactedRepository()
                            + " into " + request.target() + " failed (exit " + run.exitCode() + "): " + run.headline()
                            + first + "; a restore has no partial result: " + request.target()
                            + " may hold some of the files, clear it before trying again");
        }
        return new RestoreResult(counts[0], counts[1], warnings.lines());
    }

    /**
     * {@code restic ls --json ID}: every entry of the snapshot's tree, in restic's order, handed to
     * {@code nodes} one at a time (trees of millions of entries are never held in memory).
     */
    public void ls(String snapshotId, java.util.function.Consumer<TreeNode> nodes) {
        version();
        List<String> args = List.of("ls", "--json", Arguments.requirePositional("snapshotId", snapshotId));
        boolean[] found = new boolean[1];
        ResticRun run = run(args, null, line -> {
            JsonNode node = ResticJson.object(line);
            if (node != null && "snapshot".equals(node.path("struct_type").asText())) {
                found[0] = true;
            }
            if (node == null || !"node".equals(node.path("struct_type").asText())) {
                return;
            }
            String mtime = node.path("mtime").asText("");
            nodes.accept(new TreeNode(node.path("path").asText(), node.path("type").asText(), node.path("uid").asLong(0),
                    node.path("gid").asLong(0), node.path("size").asLong(0), TreeNode.unixMode(node.path("mode").asLong(0)),
                    mtime.isEmpty() ? null : java.time.OffsetDateTime.parse(mtime).toInstant()));
        });
        if (!run.succeeded()) {
            throw failure(run);
        }
        if (!found[0]) { // restic 0.14 skips an unknown id with exit 0
            throw new ResticException(Kind.FAILED, run.exitCode(), run.commandLine(), run.stderrTail(),
                    "no snapshot " + snapshotId + " in repository " + settings.redactedRepository() + ": " + run.headline());
        }
    }

    /**
     * {@code restic forget --dry-run --json --host H --tag T1,T2 --group-by host OPTIONS}: what the
     * policy would keep and remove among the snapshots carrying ALL of {@code tags} on {@code host}.
     * Changes nothing (restic still takes its exclusive lock). {@code tags} must not be empty: a
     * forget without a tag filter would apply one claim's policy to the whole repository.
     */
    public ForgetPlan forgetPlan(String host, List<String> tags, List<String> policyOptions) {
        version();
        if (tags.isEmpty()) {
            throw new IllegalArgumentException("a forget needs a tag filter: without one it would reach every snapshot");
        }
        List<String> args = new ArrayList<>(List.of("forget", "--dry-run", "--json", "--host",
                Arguments.requirePositional("host", host), "--tag", String.join(",", tags), "--group-by", "host"));
        args.addAll(policyOptions);
        StringBuilder json = new StringBuilder();
        ResticRun run = run(args, null, line -> json.append(line).append('\n'));
        if (!run.succeeded()) {
            throw failure(run);
        }
        try {
            return ResticJson.forgetPlan(json.toString());
        } catch (RuntimeException e) {
            throw new ResticException(Kind.FAILED, run.exitCode(), run.commandLine(), run.stderrTail(),
                    "cannot read the output of restic forget --dry-run: " + e.getMessage(), e);
        }
    }

    /** {@code restic forget ID...}: forgets exactly these snapshots (no prune). Nothing to do for none. */
    public void forget(List<String> snapshotIds) {
        if (snapshotIds.isEmpty()) {
            return;
        }
        version();
        List<String> args = new ArrayList<>(List.of("forget"));
        snapshotIds.forEach(id -> args.add(Arguments.requirePositional("snapshotId", id)));
        ResticRun run = run(args, null, line -> ResticProcess.LOG.debug("restic forget: {}", line));
        if (!run.succeeded()) {
            throw failure(run);
        }
    }

    /** {@code restic prune}: removes the data no snapshot needs; returns its closing figures. */
    public PruneResult prune() {
        version();
        List<String> figures = new ArrayList<>();
        ResticRun run = run(List.of("prune"), null, line -> {
            String l = line.strip();
            if (l.startsWith("total prune:") || l.startsWith("remaining:") || l.startsWith("unused size after prune:")) {
                figures.add(l.replaceAll("\\s+", " "));
            }
        });
        if (!run.succeeded()) {
            throw failure(run);
        }
        return new PruneResult(figures);
    }

    /**
     * {@code restic check [--read-data-subset n/N]}, with {@code --json} on 0.18+ (the summary
     * counts the errors); on older versions the error lines on stderr are counted. Exit 1 with
     * "repository contains errors" is a result (problems &gt; 0), not a failure; a lock, a wrong
     * password or any other failure to run throws.
     *
     * @param subset {@code n/N} or null to read no pack data
     */
    public CheckResult check(String subset) {
        boolean json = version().checkSupportsJson();
        List<String> args = new ArrayList<>(List.of("check"));
        if (subset != null) {
            args.add("--read-data-subset");
            args.add(subset);
        }
        if (json) {
            args.add("--json");
        }
        Warnings errors = new Warnings();
        long[] counted = {-1};
        ResticRun run = run(args, null, line -> {
            JsonNode node = ResticJson.object(line);
            if (node != null && "summary".equals(ResticJson.messageType(node))) {
                counted[0] = ResticJson.checkErrors(node);
            }
        }, line -> {
            if (isCheckError(line)) {
                errors.add(line);
            }
        });
        List<String> lines = errors.lines();
        if (run.succeeded()) {
            return new CheckResult(0, List.of(), subset);
        }
        String text = String.join("\n", run.stderrTail()).toLowerCase(Locale.ROOT);
        if (run.exitCode() != 1 || !text.contains("repository contains errors")) {
            throw failure(run);
        }
        long problems = counted[0] > 0 ? counted[0] : Math.max(1, errors.count());
        return new CheckResult(problems, lines, subset);
    }

    /** A stderr line of {@code restic check} that reports a problem, not progress or advice. */
    static boolean isCheckError(String line) {
        String l = line.strip();
        if (l.isEmpty() || l.startsWith("Fatal:") || l.startsWith("using temporary cache") || l.startsWith("create exclusive lock")
                || l.startsWith("load indexes") || l.startsWith("check ") || l.startsWith("read ") || l.startsWith("[")
                || l.startsWith("no errors were found") || l.startsWith("restic repair") || l.startsWith("The repository contains")
                || l.startsWith("Damaged pack files") || l.startsWith("Please ") || l.startsWith("repo already locked")) {
            return false;
        }
        return true;
    }

    /** {@code restic list locks --no-lock} and {@code restic cat lock ID --no-lock} for each: every lock file now. */
    public List<ResticLock> listLocks() {
        version();
        List<String> ids = new ArrayList<>();
        ResticRun run = run(List.of("list", "locks", "--no-lock"), null, line -> {
            if (!line.isBlank()) {
                ids.add(line.strip());
            }
        });
        if (!run.succeeded()) {
            throw failure(run);
        }
        List<ResticLock> locks = new ArrayList<>();
        for (String id : ids) {
            StringBuilder json = new StringBuilder();
            ResticRun cat = run(List.of("cat", "lock", id, "--no-lock"), null, line -> json.append(line).append('\n'));
            if (!cat.succeeded()) {
                ResticProcess.LOG.debug("restic cat lock {}: gone or unreadable ({})", id, cat.headline());
                continue; // released between the listing and now
            }
            JsonNode node = ResticJson.object(json.toString().replace('\n', ' ').strip());
            if (node == null) {
                continue;
            }
            locks.add(new ResticLock(id, java.time.OffsetDateTime.parse(node.path("time").asText()).toInstant(),
                    node.path("exclusive").asBoolean(false), node.path("hostname").asText(""),
                    node.path("username").asText(""), node.path("pid").asLong(0)));
        }
        return locks;
    }

    /**
     * {@code restic unlock}: removes the locks restic itself calls stale (made on this host by a
     * process that is gone, or not refreshed for 30 minutes). Never {@code --remove-all}.
     */
    public void unlock() {
        version();
        ResticRun run = run(List.of("unlock"), null, line -> ResticProcess.LOG.debug("restic unlock: {}", line));
        if (!run.succeeded()) {
            throw failure(run);
        }
    }

    /** {@link #run(List, Path, LineSink, LineSink)} without a stderr consumer (it is still logged). */
    public ResticRun run(List<String> args, Path workingDir, LineSink stdout) {
        return run(args, workingDir, stdout, LineSink.DISCARD);
    }

    /**
     * Runs {@code restic ARGS} to its end in {@code workingDir} ({@code null}: this process's),
     * with the repository and password in the environment. Add {@code --json} yourself where the
     * command supports it (see {@link ResticVersion}). Every stderr line is logged to the
     * {@code restic} logger, made readable, and handed to {@code stderr}.
     *
     * @return the run, whatever the exit code: pass a failed one to {@link #failure(ResticRun)}
     * @throws ResticException NOT_INSTALLED when restic cannot be started, CANCELLED when the
     *     calling thread is interrupted (the process is stopped and gone when this returns)
     * @throws IllegalArgumentException for {@code --remove-all}: claimback never removes live locks
     */
    public ResticRun run(List<String> args, Path workingDir, LineSink stdout, LineSink stderr) {
        if (args.contains("--remove-all")) {
            throw new IllegalArgumentException("claimback never runs `restic unlock --remove-all`: it removes live locks");
        }
        return ResticProcess.run(settings, List.copyOf(args), workingDir, stdout, stderr);
    }

    /**
     * What a failed run means, as an exception to throw. By exit code where restic has one
     * (10, 11 since 0.17; 12 since 0.17.1), else by the text restic 0.14 prints with exit 1.
     */
    public ResticException failure(ResticRun run) {
        String text = String.join("\n", run.stderrTail());
        String repository = settings.redactedRepository();
        Kind kind = classify(run.exitCode(), text);
        String message = switch (kind) {
            case WRONG_PASSWORD -> "wrong password for repository " + repository + ": check passwordFile "
                    + settings.passwordFile();
            case REPOSITORY_MISSING -> "no restic repository at " + repository
                    + ": create it with `claimback init`, or fix `repository:` in the config";
            case LOCKED -> "repository " + repository + " is locked by another restic process" + lockHolder(text)
                    + ": wait, or see `restic list locks` (a lock whose process is gone goes with `restic unlock`)";
            case UNREACHABLE -> Unreachable.message(repository, "restic " + run.command(),
                    Unreachable.reason(text).orElse("cannot connect"));
            default -> text.contains("Resolving password failed")
                    ? "cannot read the password file " + settings.passwordFile() + " (" + run.headline()
                            + "): fix passwordFile in the config"
                    : "restic " + run.command() + " failed (exit " + run.exitCode() + ") on repository " + repository
                            + ": " + (run.headline().isEmpty() ? "restic printed no error" : run.headline());
        };
        return new ResticException(kind, run.exitCode(), run.commandLine(), run.stderrTail(), message);
    }

    /** A warning restic printed on stdout (stderr lines are logged as they come). */
    private static String logged(String command, String warning) {
        ResticProcess.LOG.warn("restic {}: {}", command, warning);
        return warning;
    }

    /**
     * Exit codes first; the texts are what restic 0.14 prints (all with exit 1). An unreachable
     * server has no exit code of its own on any version (1): see {@link Unreachable}.
     */
    static Kind classify(int exitCode, String stderr) {
        switch (exitCode) {
            case 10: return Kind.REPOSITORY_MISSING;
            case 11: return Kind.LOCKED;
            case 12: return Kind.WRONG_PASSWORD;
            default: break;
        }
        String text = stderr.toLowerCase(Locale.ROOT);
        if (text.contains("wrong password or no key found")) {
            return Kind.WRONG_PASSWORD;
        }
        if (text.contains("repository is already locked")) {
            return Kind.LOCKED;
        }
        // before the missing-repository texts: 0.14 says "unable to open config file" for a server it cannot reach
        if (Unreachable.reason(stderr).isPresent()) {
            return Kind.UNREACHABLE;
        }
        if (text.contains("repository does not exist")) {
            return Kind.REPOSITORY_MISSING;
        }
        // 0.14 says "unable to open config file" for an unreachable server too: only a missing
        // file or object means there is no repository
        if (text.contains("unable to open config file") && (text.contains("no such file or directory")
                || text.contains("does not exist") || text.contains("not found") || HTTP_404.matcher(text).find())) {
            return Kind.REPOSITORY_MISSING;
        }
        return Kind.FAILED;
    }

    private static String lockHolder(String stderr) {
        Matcher m = LOCK_HOLDER.matcher(stderr);
        return m.find() ? " (" + m.group(2) + (m.group(1) == null ? "" : ", exclusive") + ")" : "";
    }

    /** Error lines of a run, at most {@link #MAX_WARNINGS} and a count of the rest. */
    private static final class Warnings {
        private final List<String> lines = new ArrayList<>();
        private int dropped;

        synchronized void add(String line) {
            if (lines.size() < MAX_WARNINGS) {
                lines.add(line);
            } else {
                dropped++;
            }
        }

        /** restic's closing line for exit 3 only repeats what {@link BackupResult#partial()} says. */
        void addUnlessExitMessage(String line) {
            if (!line.equals(ResticJson.PARTIAL_BACKUP_MESSAGE)) {
                add(line);
            }
        }

        synchronized int count() {
            return lines.size() + dropped;
        }

        synchronized List<String> lines() {
            if (dropped == 0) {
                return List.copyOf(lines);
            }
            List<String> all = new ArrayList<>(lines);
            all.add("... and " + dropped + " more");
            return all;
        }
    }
}
