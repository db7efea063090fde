package org.claimback.dump;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.claimback.catalog.DumpRecord;
import org.claimback.locks.RepositoryGate;
import org.claimback.restic.ResticException;
import org.claimback.restic.ResticSettings;
import org.claimback.restic.Snapshot;
import org.claimback.testing.ResticBinaries;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Streamed dumps with real producers (/bin/sh scripts) and real restic, on 0.14 and 0.18. */
class DumpBackupTest {
    private static final Duration MINUTE = Duration.ofMinutes(1);

    @TempDir
    static Path repositories;

    @TempDir
    Path tmp;

    @ParameterizedTest
    @MethodSource("org.claimback.testing.ResticBinaries#all")
    void a_good_dump_is_a_snapshot_of_its_own_with_the_claims_tags_and_the_producers_exact_bytes(Path binary) throws Exception {
        try (DumpFixture f = new DumpFixture(repositories, tmp, binary)) {
            Path data = f.randomFile("data", 300_000);

            List<DumpOutcome> outcomes = f.dumps.take(f.claim, f.runId, List.of(DumpFixture.shell("app.sql", "cat " + data, MINUTE)));

            DumpOutcome outcome = outcomes.get(0);
            assertTrue(outcome.ok(), outcome::toString);
            assertNull(outcome.error());
            DumpRecord record = outcome.record();
            assertEquals("ok", record.state());
            assertEquals(300_000, record.bytes());
            assertEquals(f.runId, record.runId());
            assertEquals(List.of(record), f.catalog.dumpsOf(f.claim.id()));
            List<Snapshot> snapshots = f.dumpSnapshots();
            assertEquals(1, snapshots.size(), snapshots::toString);
            Snapshot snapshot = snapshots.get(0);
            assertTrue(snapshot.id().startsWith(record.resticId()), snapshot + " vs " + record);
            assertEquals(List.of("claimback-dump", "claim-key=" + f.claim.claimKey(), "namespace=" + f.claim.namespace(), "claim=db", "dump=app.sql",
                    "run=" + f.runId), snapshot.tags());
            assertFalse(snapshot.tags().contains("claimback"), "never the volume mark");
            assertEquals(DumpFixture.HOST, snapshot.hostname());
            assertArrayEquals(Files.readAllBytes(data), f.plainRestic("dump", record.resticId(), "/app.sql"));
        }
    }

    @ParameterizedTest
    @MethodSource("org.claimback.testing.ResticBinaries#all")
    void a_producer_killed_halfway_fails_its_dump_and_the_partial_snapshot_is_forgotten(Path binary) throws Exception {
        try (DumpFixture f = new DumpFixture(repositories, tmp, binary)) {
            Path data = f.randomFile("data", 300_000);

            DumpOutcome outcome = f.dumps.take(f.claim, f.runId,
                    List.of(DumpFixture.shell("app.sql", "head -c 100000 " + data + "; kill -9 $$", MINUTE))).get(0);

            assertFalse(outcome.ok());
            assertTrue(outcome.error().startsWith("dump app.sql of " + f.display() + " failed: producer was killed by signal 9 after 100.0 kB"),
                    outcome.error());
            assertEquals("failed", outcome.record().state());
            assertEquals(100_000, outcome.record().bytes());
            assertNotNull(outcome.record().resticId(), "restic saved what arrived: " + outcome.record());
            assertEquals(1, f.dumpSnapshots().size(), "the partial snapshot is there until forgotten");

            int forgotten = f.dumps.forgetFailed(RepositoryGate.beside(f.dir.resolve("catalog.db")), MINUTE);

            assertEquals(1, forgotten);
            assertEquals(List.of(), f.dumpSnapshots());
            assertEquals("forgotten", f.catalog.dumpsOf(f.claim.id()).get(0).state());
            assertEquals(List.of(), f.catalog.dumpsToForget());
            assertEquals(0, f.dumps.forgetFailed(RepositoryGate.beside(f.dir.resolve("catalog.db")), MINUTE));
        }
    }

    @Test
    void failed_dumps_wait_for_the_next_time_when_a_backup_holds_the_repository_gate_past_the_wait() throws Exception {
        try (DumpFixture f = new DumpFixture(repositories, tmp, ResticBinaries.v018())) {
            f.dumps.take(f.claim, f.runId, List.of(DumpFixture.shell("app.sql", "echo half; exit 3", MINUTE)));
            RepositoryGate gate = RepositoryGate.beside(f.dir.resolve("catalog.db"));
            java.util.concurrent.CountDownLatch held = new java.util.concurrent.CountDownLatch(1);
            java.util.concurrent.CountDownLatch done = new java.util.concurrent.CountDownLatch(1);
            Thread backup = new Thread(() -> {
                try (RepositoryGate.Permit ignored = gate.shared("a backup")) {
                    held.countDown();
                    done.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            backup.start();
            held.await();
            long start = System.nanoTime();

            int forgotten = f.dumps.forgetFailed(gate, Duration.ofMillis(500));

            Duration took = Duration.ofNanos(System.nanoTime() - start);
            done.countDown();
            backup.join();
            assertEquals(0, forgotten);
            assertTrue(took.compareTo(Duration.ofSeconds(3)) < 0, "took " + took);
            assertEquals(1, f.catalog.dumpsToForget().size(), "left for next time");
            assertEquals(1, f.dumpSnapshots().size());
            try (RepositoryGate.Permit again = gate.shared("the next backup")) {
                assertNotNull(again, "the gate is free again: the holder thread let go");
            }
            assertEquals(1, f.dumps.forgetFailed(gate, MINUTE));
            assertEquals(List.of(), f.dumpSnapshots());
        }
    }

    @ParameterizedTest
    @MethodSource("org.claimback.testing.ResticBinaries#all")
    void a_producer_exiting_1_after_output_fails_with_its_last_stderr_line_and_the_next_dump_still_runs(Path binary)
            throws Exception {
        try (DumpFixture f = new DumpFixture(repositories, tmp, binary)) {
            List<DumpOutcome> outcomes = f.dumps.take(f.claim, f.runId, List.of(
                    DumpFixture.shell("app.sql", "printf 'partial dump\\n'; echo 'pg_dump: connection refused' >&2; exit 1", MINUTE),
                    DumpFixture.shell("-other.sql", "printf 'complete\\n'", MINUTE)));

            assertEquals("dump app.sql of " + f.display() + " failed: producer exited 1 after 13 bytes: pg_dump: connection refused",
                    outcomes.get(0).error());
            assertEquals("failed", outcomes.get(0).record().state());
            assertNotNull(outcomes.get(0).record().resticId());
            assertTrue(outcomes.get(1).ok(), outcomes.get(1)::toString);
            assertEquals("complete\n", new String(f.plainRestic("dump", outcomes.get(1).record().resticId(), "/-other.sql")),
                    "a name starting with '-' is a file name, not a flag");
            assertEquals(List.of(outcomes.get(0).record()), f.catalog.dumpsToForget());
        }
    }

    @ParameterizedTest
    @MethodSource("org.claimback.testing.ResticBinaries#all")
    void a_producer_that_writes_nothing_and_exits_0_fails_as_empty(Path binary) throws Exception {
        try (DumpFixture f = new DumpFixture(repositories, tmp, binary)) {
            DumpOutcome outcome = f.dumps.take(f.claim, f.runId, List.of(DumpFixture.shell("app.sql", "true", MINUTE))).get(0);

            assertFalse(outcome.ok());
            assertTrue(outcome.error().startsWith("dump app.sql of " + f.display() + " failed: producer exited 0 but wrote nothing"),
                    outcome.error());
            assertEquals(0, outcome.record().bytes());
            assertEquals("failed", outcome.record().state());
        }
    }

    @ParameterizedTest
    @MethodSource("org.claimback.testing.ResticBinaries#all")
    void a_producer_past_its_timeout_is_killed_with_its_children_and_the_dump_fails_promptly(Path binary) throws Exception {
        try (DumpFixture f = new DumpFixture(repositories, tmp, binary)) {
            Path pidFile = tmp.resolve("sleep.pid");
            long start = System.nanoTime();

            DumpOutcome outcome = f.dumps.take(f.claim, f.runId, List.of(DumpFixture.shell("app.sql",
                    "echo started; sleep 60 & echo $! > " + pidFile + "; wait", Duration.ofSeconds(2)))).get(0);

            Duration took = Duration.ofNanos(System.nanoTime() - start);
            assertTrue(took.compareTo(Duration.ofSeconds(15)) < 0, "took " + took);
            assertFalse(outcome.ok());
            assertTrue(outcome.error().startsWith("dump app.sql of " + f.display() + " failed: producer ran past its timeout of 2 s"
                    + " and was killed after 8 bytes"), outcome.error());
            assertGone(pidFile, "the producer's child is gone");
        }
    }

    @ParameterizedTest
    @MethodSource("org.claimback.testing.ResticBinaries#all")
    void a_producer_that_cannot_start_fails_its_dump_without_a_snapshot(Path binary) throws Exception {
        try (DumpFixture f = new DumpFixture(repositories, tmp, binary)) {
            DumpOutcome outcome = f.dumps.take(f.claim, f.runId,
                    List.of(new org.claimback.config.DumpConfig("app.sql", List.of("pg_dump_not_installed", "-h", "db"), MINUTE))).get(0);

            assertEquals("dump app.sql of " + f.display() + " failed: cannot start its command `pg_dump_not_installed`:"
                    + " pg_dump_not_installed is not on PATH: fix claims[].dumps[].command in the config", outcome.error());
            assertNull(outcome.record().resticId());
            assertEquals(List.of(), f.dumpSnapshots());
        }
    }

    @ParameterizedTest
    @MethodSource("org.claimback.testing.ResticBinaries#all")
    void a_wrong_repository_password_is_thrown_at_once_even_while_the_producer_is_silent(Path binary) throws Exception {
        ResticSettings good;
        try (DumpFixture right = new DumpFixture(repositories, tmp.resolve("right"), binary)) {
            good = right.settings;
        }
        Path wrong = Files.writeString(tmp.resolve("wrong.password"), "not the password\n");
        try (DumpFixture f = new DumpFixture(tmp, new ResticSettings(good.binary(), good.repository(), wrong, Map.of(),
                good.cacheDir()))) {
            Path pidFile = tmp.resolve("sleep.pid");
            long start = System.nanoTime();

            ResticException e = assertThrows(ResticException.class, () -> f.dumps.take(f.claim, f.runId, List.of(
                    DumpFixture.shell("app.sql", "sleep 60 & echo $! > " + pidFile + "; wait; echo late", MINUTE))));

            Duration took = Duration.ofNanos(System.nanoTime() - start);
            assertEquals(ResticException.Kind.WRONG_PASSWORD, e.kind(), e::details);
            assertTrue(took.compareTo(Duration.ofSeconds(15)) < 0, "took " + took);
            assertTrue(f.catalog.dumpsOf(f.claim.id()).stream().noneMatch(DumpRecord::ok));
            assertGone(pidFile, "the producer is gone");
        }
    }

    @ParameterizedTest
    @MethodSource("org.claimback.testing.ResticBinaries#all")
    void an_interrupt_stops_a_silent_producer_and_restic_promptly_and_throws_cancelled(Path binary) throws Exception {
        try (DumpFixture f = new DumpFixture(repositories, tmp, binary)) {
            Path pidFile = tmp.resolve("sleep.pid");
            AtomicReference<Throwable> thrown = new AtomicReference<>();
            Thread taker = new Thread(() -> {
                try {
                    f.dumps.take(f.claim, f.runId, List.of(DumpFixture.shell("app.sql",
                            "echo started; sleep 60 & echo $! > " + pidFile + "; wait", MINUTE)));
                } catch (Throwable t) {
                    thrown.set(t);
                }
            });
            taker.start();
            long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            while (!Files.exists(pidFile) && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            Thread.sleep(1500); // restic is reading the stream by now
            long start = System.nanoTime();
            taker.interrupt();
            taker.join(20_000);

            assertFalse(taker.isAlive(), "take returned after the interrupt");
            assertTrue(Duration.ofNanos(System.nanoTime() - start).compareTo(Duration.ofSeconds(15)) < 0);
            assertTrue(thrown.get() instanceof ResticException r && r.kind() == ResticException.Kind.CANCELLED,
                    String.valueOf(thrown.get()));
            assertGone(pidFile, "the producer is gone");
            assertTrue(f.catalog.dumpsOf(f.claim.id()).stream().noneMatch(DumpRecord::ok));
            assertEquals(List.of(), f.dumpSnapshots(), "a cancelled restic saved nothing");
        }
    }

    /** The process whose pid is in {@code pidFile} ends within 5 s (a zombie waiting for init counts as ended). */
    private static void assertGone(Path pidFile, String what) throws Exception {
        long pid = Long.parseLong(Files.readString(pidFile).strip());
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (running(pid) && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertFalse(running(pid), what + " (pid " + pid + ")");
    }

    private static boolean running(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            return stat.charAt(stat.lastIndexOf(')') + 2) != 'Z';
        } catch (java.io.IOException e) {
            return false;
        }
    }
}
