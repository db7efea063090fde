package org.claimback.hosts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.claimback.backup.BackupListener;
import org.claimback.backup.VolumeBackup;
import org.claimback.catalog.ClaimRecord;
import org.claimback.config.DumpConfig;
import org.claimback.dump.DumpBackup;
import org.claimback.dump.DumpOutcome;
import org.claimback.engine.Engine;
import org.claimback.outcome.ExitCode;
import org.claimback.restic.ResticLock;
import org.claimback.retention.Prune;
import org.claimback.schedule.BackupAll;
import org.claimback.testing.VolumeTrees;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Servers sharing one repository are coordinated by restic's own locks: a backup (volume or dump)
 * that meets another server's prune waits for it and then proceeds; a prune that meets another
 * server's backup waits too. The other server is a real restic process holding its lock.
 */
class LockCoordinationTest {
    /** How long the other server holds the repository: past the first look at the lock, before the first retry (5 s). */
    private static final Duration HELD = Duration.ofSeconds(3);

    @TempDir
    Path tmp;

    private final ExecutorService pool = Executors.newSingleThreadExecutor();

    @AfterEach
    void stopPool() {
        pool.shutdownNow();
    }

    private SharedHost a;
    private SharedHost b;

    private void twoServers(Path restic) throws Exception {
        Path repository = tmp.resolve("shared-repo");
        a = SharedHost.create(tmp.resolve("a"), restic, "nfs-a", repository, "agent:\n  lockWait: 60s\n");
        b = SharedHost.create(tmp.resolve("b"), restic, "nfs-b", repository, "agent:\n  lockWait: 60s\n");
        VolumeTrees.write(a.setup().export().newVolume("default", "web").resolve("index.html"), "a's page".getBytes());
        VolumeTrees.write(b.setup().export().newVolume("default", "mail").resolve("inbox"), "b's mail".getBytes());
    }

    @ParameterizedTest(name = "restic {0}")
    @MethodSource("org.claimback.testing.ResticBinaries#all")
    void a_backup_meeting_another_servers_prune_waits_for_it_and_then_succeeds(Path restic) throws Exception {
        twoServers(restic);
        try (Engine ea = a.open(); Engine eb = b.open()) {
            eb.repositoryAccess().readyForBackup();
            try (LockHolder prune = LockHolder.frozenPrune(eb.restic().settings())) {
                assertHeldExclusively(eb);
                Instant start = Instant.now();
                Future<List<VolumeBackup>> backup = pool.submit(() -> BackupAll.run(ea, "cli", BackupListener.NONE));
                Thread.sleep(HELD.toMillis());
                assertFalse(backup.isDone(), () -> "a's backup did not wait for b's prune: " + outcome(backup));
                assertEquals(0, prune.release(), "b's prune, let go, finishes");

                List<VolumeBackup> results = backup.get(60, TimeUnit.SECONDS);
                Duration took = Duration.between(start, Instant.now());
                assertEquals(1, results.size());
                assertEquals(ExitCode.OK, results.get(0).exitCode(), results.get(0)::toString);
                assertTrue(took.compareTo(HELD) >= 0, "took " + took);
                assertEquals("ok", ea.catalog().runs(null, 10).get(0).state());
            }
        }
    }

    @ParameterizedTest(name = "restic {0}")
    @MethodSource("org.claimback.testing.ResticBinaries#all")
    void a_prune_meeting_another_servers_backup_waits_for_it_and_then_succeeds(Path restic) throws Exception {
        twoServers(restic);
        try (Engine ea = a.open(); Engine eb = b.open()) {
            ea.repositoryAccess().readyForBackup();
            try (LockHolder backupOfB = LockHolder.openBackup(eb.restic().settings(), "nfs-b")) {
                Instant start = Instant.now();
                Future<ExitCode> prune = pool.submit(() -> Prune.of(ea).run("cli"));
                Thread.sleep(HELD.toMillis());
                assertFalse(prune.isDone(), () -> "a's prune did not wait for b's backup: " + outcome(prune));
                assertEquals(0, backupOfB.release(), "b's backup, let go, saves its snapshot");

                assertEquals(ExitCode.OK, prune.get(60, TimeUnit.SECONDS), () -> ea.catalog().runs(null, 5).toString());
                assertTrue(Duration.between(start, Instant.now()).compareTo(HELD) >= 0);
                assertTrue(ea.restic().snapshots(org.claimback.restic.SnapshotFilter.ALL).stream()
                        .anyMatch(s -> s.hostname().equals("nfs-b")), "b's snapshot was saved beside a's prune, not lost");
            }
        }
    }

    @ParameterizedTest(name = "restic {0}")
    @MethodSource("org.claimback.testing.ResticBinaries#all")
    void a_dump_meeting_another_servers_prune_starts_again_once_the_prune_is_done(Path restic) throws Exception {
        twoServers(restic);
        Path runs = tmp.resolve("producer-runs");
        try (Engine ea = a.open(); Engine eb = b.open()) {
            eb.repositoryAccess().readyForBackup();
            ClaimRecord claim = ea.catalog().upsertClaim("default-db", "default", "db", "name", List.of(), Instant.now());
            long runId = ea.catalog().startRun("backup", claim.id(), null, "nfs-a", "cli", Instant.now());
            DumpBackup dumps = new DumpBackup(ea.catalog(), ea.restic(), "nfs-a", Clock.systemUTC(), Duration.ofSeconds(60));
            DumpConfig dump = new DumpConfig("app.sql", List.of("/bin/sh", "-c", "echo run >> " + runs + "; printf 'CREATE TABLE t;'"),
                    Duration.ofMinutes(1));
            try (LockHolder prune = LockHolder.frozenPrune(eb.restic().settings())) {
                assertHeldExclusively(eb);
                Future<List<DumpOutcome>> taken = pool.submit(() -> dumps.take(claim, runId, List.of(dump)));
                Thread.sleep(HELD.toMillis());
                assertFalse(taken.isDone(), () -> "a's dump did not wait for b's prune: " + outcome(taken));
                assertEquals(0, prune.release());

                DumpOutcome outcome = taken.get(60, TimeUnit.SECONDS).get(0);
                assertTrue(outcome.ok(), outcome::toString);
                assertEquals("ok", outcome.record().state());
                assertEquals("CREATE TABLE t;".length(), outcome.record().bytes());
                // one start per try: refused while the prune held the lock (1 s, 2 s, ... apart), then once more after it
                assertTrue(Files.readAllLines(runs).size() >= 2, "the producer started again once the lock was gone");
                assertEquals(1, ea.catalog().dumpsOf(claim.id()).size(), "the refused first try left no dump behind");
            }
        }
    }

    private static void assertHeldExclusively(Engine engine) {
        List<ResticLock> locks = engine.restic().listLocks();
        assertTrue(locks.size() == 1 && locks.get(0).exclusive(), () -> "expected one exclusive lock: " + locks);
    }

    private static String outcome(Future<?> f) {
        try {
            return String.valueOf(f.get());
        } catch (Exception e) {
            return e.toString();
        }
    }
}
