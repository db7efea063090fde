package org.claimback.restic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import org.claimback.restic.ResticException.Kind;
import org.claimback.testing.ResticBinaries;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The wrapper against the real restic binaries, 0.14.0 and 0.18.0, on real directory trees. */
@Timeout(120)
@ExtendWith(ShowResticDetails.class)
class ResticTest {
    private static final String HOST = "claimback-test";
    private static final int NOBODY = 65534;

    @TempDir
    Path tmp;

    @TempDir
    static Path shared;

    @ParameterizedTest(name = "{0}")
    @MethodSource("org.claimback.testing.ResticBinaries#all")
    void should_report_the_version_of_the_binary(Path binary) throws IOException {
        Restic restic = new Restic(ResticBinaries.settings(binary, tmp));

        ResticVersion version = restic.version();

        boolean old = binary.equals(ResticBinaries.v014());
        assertEquals(old ? "0.14.0" : "0.18.0", version.number());
        assertTrue(version.text().startsWith("restic " + version.number() + " compiled with go"), version.text());
        assertEquals(!old, version.restoreSupportsJson());
        assertTrue(version.isSupported());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("org.claimback.testing.ResticBinaries#all")
    void should_create_a_repository_that_did_not_exist_before(Path binary) throws IOException {
        Restic restic = new Restic(ResticBinaries.settings(binary, tmp));
        assertFalse(restic.repositoryExists());

        restic.init();

        assertTrue(restic.repositoryExists());
        assertTrue(Files.isRegularFile(tmp.resolve("repo/config")));
        ResticException again = assertThrows(ResticException.class, restic::init);
        assertEquals(Kind.FAILED, again.kind());
        assertTrue(again.getMessage().startsWith("restic init failed (exit 1) on repository " + tmp.resolve("repo")),
                again.getMessage());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("org.claimback.testing.ResticBinaries#all")
    void should_back_up_a_directory_as_one_snapshot_that_its_tags_find(Path binary) throws IOException {
        Restic restic = new Restic(ResticBinaries.newRepository(binary, tmp));
        Path appA = smallTree(tmp.resolve("export/apps-a-pvc-1"));
        Path appB = smallTree(tmp.resolve("export/apps-b-pvc-2"));
        List<String> tagsA = List.of("claimback", "claim-key=apps-a", "pv=pvc-1");

        BackupResult a = restic.backup(new BackupRequest(appA, HOST, tagsA), p -> {});
        restic.backup(new BackupRequest(appB, HOST, List.of("claimback", "claim-key=apps-b")), p -> {});

        BackupSummary summary = a.summary();
        assertFalse(a.partial());
        assertEquals(List.of(), a.warnings());
        assertTrue(summary.snapshotId().matches("[0-9a-f]{8}|[0-9a-f]{64}"), summary.snapshotId());
        assertEquals(binary.equals(ResticBinaries.v014()) ? 8 : 64, summary.snapshotId().length());
        assertEquals(4, summary.filesNew());
        assertEquals(0, summary.filesChanged() + summary.filesUnmodified());
        assertEquals(4, summary.totalFilesProcessed());
        assertEquals(SMALL_TREE_BYTES, summary.totalBytesProcessed());
        assertTrue(summary.dataAdded() > 0);
        assertTrue(summary.dirsNew() >= 1);
        assertTrue(summary.totalDuration() > 0);

        List<Snapshot> found = restic.snapshots(new SnapshotFilter(List.of("claimback", "claim-key=apps-a"), HOST,
                List.of()));
        assertEquals(1, found.size(), found.toString());
        Snapshot snapshot = found.get(0);
        assertTrue(snapshot.id().startsWith(summary.snapshotId()), snapshot.id() + " vs " + summary.snapshotId());
        assertEquals(64, snapshot.id().length());
        assertEquals(snapshot.id().substring(0, 8), snapshot.shortId());
        assertEquals(List.of(appA.toString()), snapshot.paths());
        assertEquals(HOST, snapshot.hostname());
        assertEquals(tagsA, snapshot.tags());
        assertNull(snapshot.parent());
        assertFalse(snapshot.tree().isEmpty());
        assertTrue(Duration.between(snapshot.time(), java.time.Instant.now()).abs().toMinutes() < 5, snapshot.time().toString());

        assertEquals(2, restic.snapshots(SnapshotFilter.ALL).size());
        assertEquals(2, restic.snapshots(SnapshotFilter.tagged("claimback")).size());
        assertEquals(List.of(), restic.snapshots(new SnapshotFilter(List.of(), "another-host", List.of())));
        assertEquals(1, restic.snapshots(new SnapshotFilter(List.of(), null, List.of(appB.toString()))).size());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("org.claimback.testing.ResticBinaries#all")
    void should_record_the_directory_as_given_even_through_a_symbolic_link(Path binary) throws IOException {
        Restic restic = new Restic(ResticBinaries.newRepository(binary, tmp));
        Path real = smallTree(tmp.resolve("disk/apps-a-pvc-1"));
        Path link = Files.createSymbolicLink(tmp.resolve("export"), real.getParent()).resolve("apps-a-pvc-1");

        restic.backup(new BackupRequest(link, HOST, List.of("claimback")), p -> {});

        assertEquals(List.of(List.of(link.toString())),
                restic.snapshots(SnapshotFilter.ALL).stream().map(Snapshot::paths).toList());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("org.claimback.testing.ResticBinaries#all")
    void should_find_the_parent_on_the_second_backup_of_the_same_directory(Path binary) throws IOException {
        Restic restic = new Restic(ResticBinaries.newRepository(binary, tmp));
        Path dir = smallTree(tmp.resolve("export/apps-a-pvc-1"));
        BackupRequest request = new BackupRequest(dir, HOST, List.of("claimback"));

        BackupSummary first = restic.backup(request, p -> {}).summary();
        BackupSummary second = restic.backup(request, p -> {}).summary();

        assertEquals(4, second.filesUnmodified());
        assertEquals(0, second.filesNew() + second.filesChanged());
        assertEquals(0, second.dirsNew());
        assertEquals(0, second.dataAdded());
        List<Snapshot> snapshots = restic.snapshots(SnapshotFilter.tagged("claimback"));
        assertEquals(2, snapshots.size());
        Snapshot latest = snapshots.stream().filter(s -> s.id().startsWith(second.snapshotId())).findFirst().orElseThrow();
        assertNotNull(latest.parent());
        assertTrue(latest.parent().startsWith(first.snapshotId()), latest.parent() + " vs " + first.snapshotId());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("org.claimback.testing.ResticBinaries#all")
    void should_restore_a_snapshot_into_a_new_directory_with_the_same_contents(Path binary) throws IOException {
        Restic restic = new Restic(ResticBinaries.newRepository(binary, tmp));
        Path dir = smallTree(tmp.resolve("export/apps-a-pvc-1"));
        String id = restic.backup(new BackupRequest(dir, HOST, List.of("claimback")), p -> {}).summary().snapshotId();
        Path target = tmp.resolve("restored/apps-a-pvc-9");

        RestoreResult result = restic.restore(new RestoreRequest(id, target, true));

        assertEquals(contents(dir), contents(target));
        assertEquals(List.of(), result.warnings());
        if (restic.version().restoreSupportsJson()) {
            assertEquals(SMALL_TREE_BYTES, result.bytesRestored());
            assertTrue(result.filesRestored() >= 4, "files and directories restored: " + result.filesRestored());
        } else {
            assertNull(result.filesRestored());
            assertNull(result.bytesRestored());
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("org.claimback.testing.ResticBinaries#all")
    void should_fail_a_restore_with_the_reason_and_no_claim_of_a_partial_result(Path binary) throws IOException {
        ResticSettings settings = ResticBinaries.newRepository(binary, tmp);
        Restic restic = new Restic(settings);
        Path target = tmp.resolve("restored");

        ResticException e = assertThrows(ResticException.class,
                () -> restic.restore(new RestoreRequest("deadbeef", target, false)));

        assertEquals(Kind.FAILED, e.kind());
        assertEquals(1, e.exitCode());
        assertTrue(e.getMessage().startsWith("restic restore of snapshot deadbeef from repository " + settings.repository()
                + " into " + target + " failed (exit 1): "), e.getMessage());
        assertTrue(e.getMessage().contains("no matching ID found for prefix \"deadbeef\""), e.getMessage());
        assertTrue(e.getMessage().endsWith("; a restore has no partial result: " + target
                + " may hold some of the files, clear it before trying again"), e.getMessage());
        assertFalse(e.getMessage().contains("\n"));
        assertTrue(e.stderrTail().stream().anyMatch(l -> l.contains("deadbeef")), e.stderrTail().toString());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("org.claimback.testing.ResticBinaries#all")
    void should_say_wrong_password_when_the_password_file_does_not_open_the_repository(Path binary) throws IOException {
        ResticSettings right = ResticBinaries.newRepository(binary, tmp);
        Path wrongFile = tmp.resolve("wrong.password");
        Files.writeString(wrongFile, "not the password\n");
        Restic restic = new Restic(new ResticSettings(binary, right.repository(), wrongFile, Map.of(), right.cacheDir()));

        ResticException e = assertThrows(ResticException.class, () -> restic.snapshots(SnapshotFilter.ALL));

        assertEquals(Kind.WRONG_PASSWORD, e.kind());
        assertEquals("wrong password for repository " + right.repository() + ": check passwordFile " + wrongFile,
                e.getMessage());
        assertEquals(binary.equals(ResticBinaries.v014()) ? 1 : 12, e.exitCode());
        assertEquals(Kind.WRONG_PASSWORD, assertThrows(ResticException.class, restic::repositoryExists).kind());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("org.claimback.testing.ResticBinaries#all")
    void should_say_repository_missing_when_there_is_none(Path binary) throws IOException {
        ResticSettings settings = ResticBinaries.settings(binary, tmp);
        Restic restic = new Restic(settings);

        assertFalse(restic.repositoryExists());
        ResticException e = assertThrows(ResticException.class, () -> restic.snapshots(SnapshotFilter.ALL));

        assertEquals(Kind.REPOSITORY_MISSING, e.kind());
        assertEquals("no restic repository at " + settings.repository() + ": create it with `claimback init`,"
                + " or fix `repository:` in the config", e.getMessage());
        assertEquals(binary.equals(ResticBinaries.v014()) ? 1 : 10, e.exitCode());
        assertTrue(e.commandLine().startsWith(binary + " snapshots --json"), e.commandLine());
        assertFalse(e.stderrTail().isEmpty());
        assertFalse(Files.exists(tmp.resolve("repo")), "nothing is created");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("org.claimback.testing.ResticBinaries#all")
    void should_say_locked_when_another_restic_holds_an_exclusive_lock(Path binary) throws Exception {
        ResticSettings settings = ResticBinaries.newRepository(binary, tmp);
        Restic restic = new Restic(settings);
        Path dir = smallTree(tmp.resolve("export/apps-a-pvc-1"));
        Process holder = holdExclusiveLock(settings);
        try {
            ResticException e = assertThrows(ResticException.class,
                    () -> restic.backup(new BackupRequest(dir, HOST, List.of("claimback")), p -> {}));

            assertEquals(Kind.LOCKED, e.kind());
            assertEquals(binary.equals(ResticBinaries.v014()) ? 1 : 11, e.exitCode());
            assertTrue(e.getMessage().startsWith("repository " + settings.repository()
                    + " is locked by another restic process (PID " + holder.pid() + " on "), e.getMessage());
            assertTrue(e.getMessage().endsWith(", exclusive): wait, or see `restic list locks`"
                    + " (a lock whose process is gone goes with `restic unlock`)"), e.getMessage());
            assertTrue(restic.repositoryExists(), "a locked repository exists");
        } finally {
            holder.destroyForcibly().waitFor();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("org.claimback.testing.ResticBinaries#all")
    void should_report_a_partial_backup_when_restic_cannot_read_some_files(Path binary) throws Exception {
        Path dir = Files.createDirectories(tmp.resolve("export/apps-a-pvc-1"));
        Files.writeString(dir.resolve("readable.txt"), "fine\n");
        Files.writeString(dir.resolve("secret.txt"), "unreadable\n");
        Files.createDirectories(dir.resolve("closed"));
        Files.writeString(dir.resolve("closed/inside.txt"), "unreachable\n");
        ResticSettings settings = ResticBinaries.settings(asUnprivilegedUser(binary), tmp);
        giveToUnprivilegedUser(tmp);
        Files.setPosixFilePermissions(dir.resolve("secret.txt"), PosixFilePermissions.fromString("---------"));
        Files.setPosixFilePermissions(dir.resolve("closed"), PosixFilePermissions.fromString("---------"));
        Restic restic = new Restic(settings);
        restic.init();

        BackupResult result = restic.backup(new BackupRequest(dir, HOST, List.of("claimback")), p -> {});

        assertTrue(result.partial(), "exit 3 is a partial backup");
        assertEquals(1, result.summary().filesNew(), result.summary().toString());
        assertEquals(List.of(result.summary().snapshotId()), restic.snapshots(SnapshotFilter.ALL).stream()
                .map(s -> s.id().substring(0, result.summary().snapshotId().length())).toList());
        assertTrue(result.warnings().stream().anyMatch(w -> w.startsWith(dir.resolve("secret.txt") + ": ")
                && w.contains("permission denied") && w.endsWith("(during archival)")), result.warnings().toString());
        assertTrue(result.warnings().stream().anyMatch(w -> w.contains("closed")), result.warnings().toString());
        assertFalse(result.warnings().contains(ResticJson.PARTIAL_BACKUP_MESSAGE), result.warnings().toString());
        assertTrue(result.warnings().stream().noneMatch(w -> w.startsWith("{")), "readable, not JSON: " + result.warnings());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("org.claimback.testing.ResticBinaries#all")
    void should_stop_restic_and_say_cancelled_when_the_thread_is_interrupted(Path binary) throws Exception {
        ResticSettings repo = ResticBinaries.newRepository(binary, tmp);
        // ten status lines a second: the first comes as soon as restic starts reading files
        Restic restic = new Restic(new ResticSettings(binary, repo.repository(), repo.passwordFile(),
                Map.of("RESTIC_PROGRESS_FPS", "10"), repo.cacheDir()));
        Path big = bigTree();
        String marker = "cancel-" + UUID.randomUUID();
        CountDownLatch progressed = new CountDownLatch(1);
        AtomicReference<Object> outcome = new AtomicReference<>();
        AtomicBoolean interruptKept = new AtomicBoolean();
        Thread worker = new Thread(() -> {
            try {
                outcome.set(restic.backup(new BackupRequest(big, HOST, List.of(marker)), p -> progressed.countDown()));
            } catch (RuntimeException e) {
                outcome.set(e);
                interruptKept.set(Thread.currentThread().isInterrupted());
            }
        }, "backup-to-cancel");
        worker.start();
        ProcessHandle child = awaitProcess(marker, Duration.ofSeconds(20));
        assertTrue(progressed.await(20, TimeUnit.SECONDS), "restic reported progress");
        assertTrue(child.isAlive(), "the backup still runs: make bigTree() bigger");

        long start = System.nanoTime();
        worker.interrupt();
        worker.join(Duration.ofSeconds(60).toMillis());
        Duration took = Duration.ofNanos(System.nanoTime() - start);

        assertFalse(worker.isAlive(), "the cancelled backup returned");
        ResticException e = assertInstanceOf(outcome.get());
        assertEquals(Kind.CANCELLED, e.kind(), e.details());
        assertTrue(interruptKept.get(), "the interrupt is kept for the caller");
        assertFalse(child.isAlive(), "restic process " + child.pid() + " is gone");
        assertEquals(Optional.empty(), findProcess(marker), "no restic process is left");
        assertTrue(took.compareTo(ResticProcess.GRACE) < 0, "restic stopped on SIGINT, took " + took);
        try (Stream<Path> locks = Files.list(tmp.resolve("repo/locks"))) {
            assertEquals(List.of(), locks.toList(), "restic removed its lock (SIGINT, not SIGKILL)");
        }
    }

    // -- fixtures ---------------------------------------------------------------------------

    private static final long SMALL_TREE_BYTES = 6 + 6 + 100_000;

    /** Four files (one empty, one binary) in three directories. */
    private static Path smallTree(Path dir) throws IOException {
        Files.createDirectories(dir.resolve("sub/deeper"));
        Files.writeString(dir.resolve("a.txt"), "hello\n");
        Files.writeString(dir.resolve("sub/b.txt"), "world\n");
        byte[] bytes = new byte[100_000];
        new Random(42).nextBytes(bytes);
        Files.write(dir.resolve("sub/deeper/c.bin"), bytes);
        Files.writeString(dir.resolve("sub/empty"), "");
        return dir;
    }

    /** About 300 MB of random data (no deduplication, no compression): a few seconds of backup. */
    private static synchronized Path bigTree() throws IOException {
        Path dir = shared.resolve("big");
        if (Files.isDirectory(dir)) {
            return dir;
        }
        Path building = Files.createDirectories(shared.resolve("big.tmp"));
        Random random = new Random(7);
        byte[] chunk = new byte[1 << 20];
        for (int file = 0; file < 3; file++) {
            try (var out = Files.newOutputStream(building.resolve("random-" + file + ".bin"))) {
                for (int mb = 0; mb < 100; mb++) {
                    random.nextBytes(chunk);
                    out.write(chunk);
                }
            }
        }
        return Files.move(building, dir);
    }

    /** Relative path to content of every regular file. */
    private static Map<String, String> contents(Path root) throws IOException {
        Map<String, String> files = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path p : walk.filter(Files::isRegularFile).toList()) {
                files.put(root.relativize(p).toString(), new String(Files.readAllBytes(p), StandardCharsets.ISO_8859_1));
            }
        }
        return files;
    }

    /**
     * Starts {@code restic key passwd}, which takes the exclusive lock and then waits for the new
     * password on stdin (left open): a live lock for as long as the process runs.
     */
    private static Process holdExclusiveLock(ResticSettings settings) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(settings.binary().toString(), "key", "passwd")
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD);
        pb.environment().keySet().removeIf(name -> name.startsWith("RESTIC_"));
        pb.environment().put("RESTIC_REPOSITORY", settings.repository());
        pb.environment().put("RESTIC_PASSWORD_FILE", settings.passwordFile().toString());
        pb.environment().put("RESTIC_CACHE_DIR", settings.cacheDir().toString());
        Process process = pb.start();
        Path locks = Path.of(settings.repository(), "locks");
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (System.nanoTime() < deadline) {
            try (Stream<Path> files = Files.list(locks)) {
                if (files.findAny().isPresent()) {
                    return process;
                }
            }
            assertTrue(process.isAlive(), "restic key passwd ended before it locked the repository");
            Thread.sleep(50);
        }
        process.destroyForcibly().waitFor();
        throw new AssertionError("restic key passwd made no lock in " + locks + " within 20 s");
    }

    /**
     * A restic that cannot read a file of mode 000. Tests run as root, who reads everything, so
     * restic then runs as nobody through {@code setpriv}: the real restic, just unprivileged.
     */
    private Path asUnprivilegedUser(Path binary) throws IOException {
        if (!runningAsRoot()) {
            return binary;
        }
        Path setpriv = Stream.of("/usr/bin/setpriv", "/bin/setpriv").map(Path::of).filter(Files::isExecutable)
                .findFirst().orElseThrow(() -> new AssertionError("setpriv (util-linux) is needed to run restic as nobody"));
        Path wrapper = tmp.resolve("restic-as-nobody");
        Files.writeString(wrapper, "#!/bin/sh\nexec " + setpriv + " --reuid=" + NOBODY + " --regid=" + NOBODY
                + " --clear-groups -- " + binary + " \"$@\"\n");
        Files.setPosixFilePermissions(wrapper, PosixFilePermissions.fromString("rwxr-xr-x"));
        return wrapper;
    }

    private static void giveToUnprivilegedUser(Path dir) throws IOException {
        if (!runningAsRoot()) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.toList()) {
                Files.setAttribute(p, "unix:uid", NOBODY, LinkOption.NOFOLLOW_LINKS);
                Files.setAttribute(p, "unix:gid", NOBODY, LinkOption.NOFOLLOW_LINKS);
            }
        }
    }

    private static boolean runningAsRoot() throws IOException {
        return ((Integer) Files.getAttribute(Path.of("/proc/self"), "unix:uid")) == 0;
    }

    private static ProcessHandle awaitProcess(String marker, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            Optional<ProcessHandle> found = findProcess(marker);
            if (found.isPresent()) {
                return found.get();
            }
            Thread.sleep(20);
        }
        throw new AssertionError("no process with " + marker + " in its command line within " + timeout);
    }

    private static Optional<ProcessHandle> findProcess(String marker) {
        List<ProcessHandle> found = new ArrayList<>();
        ProcessHandle.allProcesses().filter(p -> p.info().commandLine().map(c -> c.contains(marker)).orElse(false))
                .forEach(found::add);
        assertTrue(found.size() <= 1, "one process with " + marker + ": " + found);
        return found.stream().findFirst();
    }

    private static ResticException assertInstanceOf(Object outcome) {
        if (outcome instanceof ResticException e) {
            return e;
        }
        if (outcome instanceof Throwable t) {
            throw new AssertionError("expected a ResticException", t);
        }
        throw new AssertionError("expected a ResticException, the backup returned " + outcome);
    }
}
