package org.claimback.drill;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.stream.Stream;
import org.claimback.backup.BackupListener;
import org.claimback.catalog.ClaimRecord;
import org.claimback.catalog.RunRecord;
import org.claimback.catalog.SnapshotRecord;
import org.claimback.config.ConfigLoader;
import org.claimback.engine.Engine;
import org.claimback.outcome.ExitCode;
import org.claimback.schedule.BackupAll;
import org.claimback.testing.ResticBinaries;
import org.claimback.testing.TestSetup;
import org.claimback.testing.VolumeTrees;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Real drills with real restic: a good one, one without a snapshot, and one whose restore was tampered with. */
@Timeout(180)
class DrillEngineTest {
    @TempDir
    Path tmp;

    /** A realistic volume with a chowned root, a setuid file and a sticky directory. */
    static Path volume(TestSetup setup, String namespace, String name, long seed) throws IOException {
        Path dir = setup.export().newVolume(namespace, name);
        VolumeTrees.realistic(dir, seed);
        Path tool = Files.writeString(Files.createDirectories(dir.resolve("bin")).resolve("tool"), "#!/bin/sh\n");
        Files.setAttribute(tool, "unix:mode", 04750);
        Files.setAttribute(Files.createDirectory(dir.resolve("shared")), "unix:mode", 01777);
        VolumeTrees.chown(dir, 1000, 1000);
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxrwxr-x"));
        return dir;
    }

    static ClaimRecord claim(Engine engine, String argument) {
        return engine.claimResolver().resolve(argument);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("org.claimback.testing.ResticBinaries#all")
    void should_restore_verify_and_record_a_drill_then_leave_no_scratch_copy(Path restic) throws Exception {
        TestSetup setup = TestSetup.create(tmp, restic);
        volume(setup, "default", "web", 1);
        try (Engine engine = Engine.open(ConfigLoader.load(setup.config()))) {
            BackupAll.run(engine, "cli", BackupListener.NONE);
            setup.export().newVolume("default", "never-backed-up");
            engine.claimSync().sync();
            ClaimRecord web = claim(engine, "default/web");
            SnapshotRecord snapshot = engine.catalog().snapshotsOf(web.id()).get(0);
            // a drill killed before: its copy is left, its run was marked interrupted
            Path scratchRoot = engine.config().drill().scratch();
            Path left = ScratchCopy.create(scratchRoot, "default-web", engine.clock().instant());
            Files.writeString(left.resolve("restored.txt"), "left by a killed drill");
            long killedRun = engine.catalog().startRun("drill", web.id(), null, "claimback-test", "cli", engine.clock().instant());
            engine.catalog().recordRunTarget(killedRun, left.toString(), null, null);
            engine.catalog().finishRun(killedRun, "interrupted", "claimback stopped before the run finished", null,
                    engine.clock().instant());
            // a drill of a live process beside us: its copy is kept; and a person's directory is never touched
            Path busy = ScratchCopy.create(scratchRoot, "default-web", engine.clock().instant());
            long busyRun = engine.catalog().startRun("drill", web.id(), null, "claimback-test", "cli", engine.clock().instant());
            engine.catalog().recordRunTarget(busyRun, busy.toString(), null, null);
            Path unknown = Files.createDirectories(scratchRoot.resolve("not-a-drill"));

            DrillResult result = DrillEngine.of(engine).drill(web, "cli");
            assertTrue(Files.notExists(left), "the killed drill's copy is removed");
            assertTrue(Files.isDirectory(busy), "a running drill's copy is kept");
            assertTrue(Files.isDirectory(unknown), "a directory no drill recorded is kept");
            engine.catalog().finishRun(busyRun, "ok", null, null, engine.clock().instant());
            Files.delete(busy);
            Files.delete(unknown);

            assertEquals(DrillResult.OK, result.state(), result::toString);
            assertEquals(ExitCode.OK, result.reportedExitCode());
            assertNull(result.reason());
            assertNull(result.scratchLeft());
            assertEquals(snapshot.resticId(), result.snapshot().resticId());
            assertEquals(snapshot.filesTotal(), result.files());
            assertEquals(snapshot.bytesTotal(), result.bytes());
            List<RunRecord> drills = engine.catalog().runsOfKind("drill", web.id(), 10).stream()
                    .filter(r -> r.id() != busyRun && r.id() != killedRun).toList();
            assertEquals(1, drills.size(), drills::toString);
            RunRecord run = drills.get(0);
            assertEquals(result.runId(), run.id());
            assertEquals("ok", run.state());
            assertEquals("cli", run.trigger());
            assertEquals(snapshot.resticId(), run.snapshotId());
            assertEquals(snapshot.filesTotal(), run.files());
            assertTrue(run.duration().toMillis() > 0, run::toString);
            assertEquals(run.duration(), result.rto());
            Path scratch = engine.config().drill().scratch();
            assertEquals(setup.catalog().resolveSibling("drills"), scratch);
            assertEquals(scratch, Path.of(run.target()).getParent(), run::toString);
            assertEquals(List.of(), entries(scratch), "the scratch copy is removed");

            ClaimRecord empty = claim(engine, "default/never-backed-up");
            DrillResult none = DrillEngine.of(engine).drill(empty, "cli");
            assertEquals(DrillResult.FAILED, none.state());
            assertEquals(ExitCode.FAILED, none.reportedExitCode());
            assertTrue(none.reason().contains("has no snapshots") && none.reason().contains("claimback backup"), none.reason());
            assertNull(none.runId());
            assertEquals(List.of(), engine.catalog().runsOfKind("drill", empty.id(), 10), "no run without a snapshot");
        }
    }

    /**
     * restic restores faithfully, so a drill's failure is provoked by a wrapper around the real
     * restic 0.18 that changes one file's mode after restoring (totals still match).
     */
    @Test
    void should_fail_a_drill_whose_restored_tree_differs_and_still_remove_the_copy() throws Exception {
        Path wrapper = tmp.resolve("tampering-restic");
        Files.writeString(wrapper, "#!/bin/bash\n"
                + "\"" + ResticBinaries.v018() + "\" \"$@\"; rc=$?\n"
                + "if [ \"$1\" = restore ] && [ $rc = 0 ]; then chmod 0606 \"$4/small.txt\"; fi\n"
                + "exit $rc\n");
        Files.setPosixFilePermissions(wrapper, PosixFilePermissions.fromString("rwx------"));
        TestSetup setup = TestSetup.create(tmp, wrapper);
        volume(setup, "default", "web", 2);
        try (Engine engine = Engine.open(ConfigLoader.load(setup.config()))) {
            BackupAll.run(engine, "cli", BackupListener.NONE);
            ClaimRecord web = claim(engine, "default/web");

            DrillResult result = DrillEngine.of(engine).drill(web, "schedule");

            assertEquals(DrillResult.FAILED, result.state(), result::toString);
            assertEquals(ExitCode.FAILED, result.reportedExitCode());
            assertTrue(result.reason().contains("/small.txt: mode 0606, the snapshot has 0644"), result.reason());
            RunRecord run = engine.catalog().runById(result.runId()).orElseThrow();
            assertEquals("failed", run.state());
            assertEquals(result.reason(), run.error());
            assertEquals(result.rto(), run.duration());
            assertTrue(engine.catalog().newestRunsOfKind("drill", "ok").isEmpty());
            assertEquals(List.of(), entries(engine.config().drill().scratch()), "the scratch copy is removed");
        }
    }

    static List<Path> entries(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.toList();
        }
    }
}
