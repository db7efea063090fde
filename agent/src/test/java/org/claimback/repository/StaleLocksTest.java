package org.claimback.repository;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.claimback.backup.BackupListener;
import org.claimback.catalog.RunRecord;
import org.claimback.check.RepositoryCheck;
import org.claimback.config.ConfigLoader;
import org.claimback.engine.Engine;
import org.claimback.outcome.ExitCode;
import org.claimback.restic.ResticLock;
import org.claimback.restic.ResticSettings;
import org.claimback.schedule.BackupAll;
import org.claimback.testing.TestSetup;
import org.claimback.testing.VolumeTrees;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Locks left by real restic processes: a {@code restic backup --stdin} whose stdin stays open
 * holds its (shared) lock and waits; {@code kill -9} of it leaves the lock behind.
 */
class StaleLocksTest {
    @TempDir
    Path tmp;

    private Engine backedUp(Path restic) throws Exception {
        TestSetup setup = TestSetup.create(tmp, restic);
        setup.writeConfig("agent:\n  lockWait: 3s\n");
        VolumeTrees.write(setup.export().newVolume("default", "web").resolve("index.html"), "hello".getBytes());
        Engine engine = Engine.open(ConfigLoader.load(setup.config()));
        assertEquals(1, BackupAll.run(engine, "cli", BackupListener.NONE).size());
        return engine;
    }

    /** A restic that holds a lock on the repository until killed. */
    private static Process lockHolder(Engine engine) throws Exception {
        ResticSettings settings = engine.restic().settings();
        ProcessBuilder pb = new ProcessBuilder(settings.binary().toString(), "backup", "--stdin", "--stdin-filename", "x",
                "--host", "claimback-test").redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD);
        pb.environment().keySet().removeIf(name -> name.startsWith("RESTIC_"));
        pb.environment().put("RESTIC_REPOSITORY", settings.repository());
        pb.environment().put("RESTIC_PASSWORD_FILE", settings.passwordFile().toString());
        pb.environment().put("RESTIC_CACHE_DIR", settings.cacheDir().toString());
        Process p = pb.start(); // stdin stays open: restic waits with its lock held
        Instant deadline = Instant.now().plusSeconds(20);
        while (engine.restic().listLocks().stream().noneMatch(l -> l.pid() == p.pid())) {
            assertTrue(p.isAlive() && Instant.now().isBefore(deadline), "restic made no lock");
            Thread.sleep(100);
        }
        return p;
    }

    @ParameterizedTest
    @MethodSource("org.claimback.testing.ResticBinaries#all")
    void should_remove_a_lock_left_by_a_killed_restic_and_then_check(Path restic) throws Exception {
        try (Engine engine = backedUp(restic)) {
            Process holder = lockHolder(engine);
            holder.destroyForcibly(); // SIGKILL
            holder.waitFor();
            assertEquals(1, engine.restic().listLocks().size(), "the killed restic left its lock");

            PrintStream err = System.err;
            ByteArrayOutputStream log = new ByteArrayOutputStream();
            System.setErr(new PrintStream(log, true));
            ExitCode outcome;
            try {
                outcome = RepositoryCheck.of(engine).run("cli");
            } finally {
                System.setErr(err);
            }
            err.print(log);

            assertEquals(ExitCode.OK, outcome, () -> engine.catalog().newestRepositoryRun("check").toString());
            assertEquals(List.of(), engine.restic().listLocks());
            assertTrue(log.toString().contains("removing stale lock") && log.toString().contains("left by restic pid "
                    + holder.pid() + " (dead)"), log::toString);
        }
    }

    @ParameterizedTest
    @MethodSource("org.claimback.testing.ResticBinaries#all")
    void should_wait_for_a_live_lock_then_fail_naming_its_holder(Path restic) throws Exception {
        try (Engine engine = backedUp(restic)) {
            Process holder = lockHolder(engine);
            try {
                Instant start = Instant.now();
                assertEquals(ExitCode.FAILED, RepositoryCheck.of(engine).run("cli"));
                Duration waited = Duration.between(start, Instant.now());

                assertTrue(waited.compareTo(Duration.ofSeconds(3)) >= 0, "waited " + waited);
                assertTrue(waited.compareTo(Duration.ofSeconds(30)) < 0, "waited " + waited);
                RunRecord run = engine.catalog().newestRepositoryRun("check").orElseThrow();
                assertEquals("failed", run.state());
                assertTrue(run.error().contains("shared lock") && run.error().contains("PID " + holder.pid())
                        && run.error().contains("never removes a live lock"), run::toString);
                assertTrue(holder.isAlive());
                assertEquals(1, engine.restic().listLocks().size(), "the live lock stays");
            } finally {
                holder.destroyForcibly();
                holder.waitFor();
            }
        }
    }

    @Test
    void should_call_stale_only_a_lock_of_this_host_whose_process_is_gone() {
        StaleLocks locks = new StaleLocks(null, Duration.ZERO, "nfs1", pid -> pid == 42, java.time.Clock.systemUTC());
        Instant t = Instant.parse("2026-11-25T18:00:00Z");
        assertTrue(locks.isStale(new ResticLock("a", t, false, "nfs1", "root", 7)));
        assertFalse(locks.isStale(new ResticLock("b", t, true, "nfs1", "root", 42)), "live process");
        assertFalse(locks.isStale(new ResticLock("c", t, true, "nfs2", "root", 7)), "another host");
    }
}
