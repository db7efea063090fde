package org.claimback.catalog;

import static org.claimback.catalog.Fixtures.at;
import static org.claimback.catalog.Fixtures.claim;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunsTest {

    @TempDir
    Path dir;
    Catalog catalog;
    ClaimRecord data;
    VolumeRecord volume;

    @BeforeEach
    void open() {
        catalog = Catalog.open(dir.resolve("catalog.db"));
        data = claim(catalog, "default", "data");
        volume = Fixtures.volume(catalog, data, "pvc-1111");
    }

    @AfterEach
    void close() {
        catalog.close();
    }

    @Test
    void should_record_a_run_from_start_to_finish() {
        long id = catalog.startRun("backup", data.id(), volume.id(), "nfs1", "schedule", at(0));

        assertEquals(new RunRecord(id, "backup", data.id(), volume.id(), "nfs1", "schedule", at(0), null, "running",
                null, null, null, null, null), catalog.runById(id).orElseThrow());

        catalog.finishRun(id, "partial", "2 files could not be read", "4f3a2b1c", at(2));

        assertEquals(new RunRecord(id, "backup", data.id(), volume.id(), "nfs1", "schedule", at(0), at(2), "partial",
                "2 files could not be read", "4f3a2b1c", null, null, null), catalog.runById(id).orElseThrow());
    }

    @Test
    void should_record_a_run_without_a_claim() {
        long id = catalog.startRun("check", null, null, "nfs1", "cli", at(0));
        RunRecord run = catalog.runById(id).orElseThrow();
        assertEquals(null, run.claimId());
        assertEquals(null, run.volumeId());
    }

    @Test
    void should_list_runs_newest_first_for_one_claim_or_all() {
        ClaimRecord other = claim(catalog, "web", "cache");
        long first = catalog.startRun("backup", data.id(), null, "nfs1", "schedule", at(0));
        long check = catalog.startRun("check", null, null, "nfs1", "schedule", at(1));
        long second = catalog.startRun("backup", data.id(), null, "nfs1", "cli", at(2));
        long elsewhere = catalog.startRun("backup", other.id(), null, "nfs1", "schedule", at(3));

        assertEquals(List.of(second, first), ids(catalog.runs(data.id(), 10)));
        assertEquals(List.of(elsewhere, second, check, first), ids(catalog.runs(null, 10)));
        assertEquals(List.of(elsewhere, second), ids(catalog.runs(null, 2)));
        assertThrows(IllegalArgumentException.class, () -> catalog.runs(null, 0));
    }

    @Test
    void should_leave_the_runs_of_a_live_process_running() {
        long id = catalog.startRun("backup", data.id(), null, "nfs1", "cli", at(0));

        assertEquals(0, catalog.markInterrupted(at(5)));
        assertEquals("running", catalog.runById(id).orElseThrow().state());
    }

    @Test
    void should_mark_interrupted_the_runs_of_a_killed_process() throws Exception {
        ChildJvm child = ChildJvm.start(dir, "start-run", catalog.file().toString());
        String line = child.readLine();
        assertTrue(line.startsWith("run "), child.describe());
        long orphan = Long.parseLong(line.substring(4));
        long mine = catalog.startRun("backup", data.id(), null, "nfs1", "schedule", at(0));
        long finished = catalog.startRun("backup", data.id(), null, "nfs1", "schedule", at(0));
        catalog.finishRun(finished, "ok", null, "4f3a2b1c", at(1));

        child.kill(); // kill -9: it cannot finish its run

        assertEquals(1, catalog.markInterrupted(at(5)), child.describe());
        RunRecord run = catalog.runById(orphan).orElseThrow();
        assertEquals("interrupted", run.state());
        assertEquals(at(5), run.endedAt());
        assertEquals("claimback stopped before the run finished", run.error());
        assertEquals("running", catalog.runById(mine).orElseThrow().state());
        assertEquals("ok", catalog.runById(finished).orElseThrow().state());
        assertEquals(0, catalog.markInterrupted(at(6)));
    }

    @Test
    void should_tell_a_reused_pid_from_the_process_that_started_a_run() {
        long pid = ProcessHandle.current().pid();
        assertTrue(ThisProcess.isAlive(pid, ThisProcess.STARTED_AT));
        assertTrue(ThisProcess.isAlive(pid, null));
        assertEquals(false, ThisProcess.isAlive(pid, at(0)));
        assertEquals(false, ThisProcess.isAlive(null, null));
    }

    @Test
    void should_reject_finishing_an_unknown_run_or_as_running() {
        long id = catalog.startRun("backup", data.id(), null, "nfs1", "schedule", at(0));
        assertThrows(IllegalArgumentException.class, () -> catalog.finishRun(999, "ok", null, null, at(1)));
        assertThrows(IllegalArgumentException.class, () -> catalog.finishRun(id, "running", null, null, at(1)));
        assertThrows(IllegalArgumentException.class,
                () -> catalog.startRun("dance", null, null, "nfs1", "cli", at(0)));
    }

    private static List<Long> ids(List<RunRecord> runs) {
        return runs.stream().map(RunRecord::id).toList();
    }
}
