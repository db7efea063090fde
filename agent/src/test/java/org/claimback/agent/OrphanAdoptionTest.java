package org.claimback.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.List;
import org.claimback.backup.BackupListener;
import org.claimback.catalog.SnapshotRecord;
import org.claimback.catalogcopy.MergeCounts;
import org.claimback.catalogcopy.OrphanAdoption;
import org.claimback.config.ConfigLoader;
import org.claimback.engine.Engine;
import org.claimback.schedule.BackupAll;
import org.claimback.testing.ResticBinaries;
import org.claimback.testing.TestSetup;
import org.claimback.testing.VolumeTrees;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** At start the agent adopts the snapshots of this host the catalogue lacks, and drops none. */
class OrphanAdoptionTest {
    @TempDir
    Path tmp;

    static List<Path> restics() {
        return ResticBinaries.all();
    }

    @ParameterizedTest
    @MethodSource("restics")
    void should_add_a_snapshot_the_catalogue_lacks_to_its_claim_and_volume_and_keep_the_others(Path restic) throws Exception {
        TestSetup setup = TestSetup.create(tmp, restic);
        Path web = setup.export().newVolume("default", "web");
        VolumeTrees.write(web.resolve("index.html"), "one".getBytes());
        try (Engine engine = Engine.open(ConfigLoader.load(setup.config()))) {
            BackupAll.run(engine, "cli", BackupListener.NONE);
            VolumeTrees.write(web.resolve("more.html"), "two".getBytes());
            BackupAll.run(engine, "cli", BackupListener.NONE);
            List<SnapshotRecord> before = engine.catalog().snapshots();
            assertEquals(2, before.size(), before::toString);
            SnapshotRecord lost = before.get(0); // as if its restic had saved it after the agent died
            engine.catalog().deleteSnapshots(List.of(lost.id()));

            MergeCounts adopted = OrphanAdoption.adopt(engine);

            assertEquals(1, adopted.snapshotsAdded(), adopted::toString);
            assertEquals(0, adopted.snapshotsDropped());
            List<SnapshotRecord> after = engine.catalog().snapshots();
            assertEquals(2, after.size(), after::toString);
            SnapshotRecord back = after.stream().filter(s -> s.resticId().startsWith(lost.resticId())
                    || lost.resticId().startsWith(s.resticId())).findFirst().orElseThrow();
            assertEquals(lost.claimId(), back.claimId());
            assertEquals(lost.volumeId(), back.volumeId());
            assertEquals(0, OrphanAdoption.adopt(engine).snapshotsAdded(), "a second start adopts nothing");
        }
    }

    @Test
    void should_leave_the_snapshot_of_a_volume_a_live_process_is_backing_up_to_that_process() throws Exception {
        TestSetup setup = TestSetup.create(tmp, ResticBinaries.v018());
        VolumeTrees.write(setup.export().newVolume("default", "web").resolve("index.html"), "one".getBytes());
        try (Engine engine = Engine.open(ConfigLoader.load(setup.config()))) {
            BackupAll.run(engine, "cli", BackupListener.NONE);
            SnapshotRecord saved = engine.catalog().snapshots().get(0);
            engine.catalog().deleteSnapshots(List.of(saved.id())); // its restic has saved it, its process has not recorded it yet
            long running = engine.catalog().startRun("backup", saved.claimId(), saved.volumeId(), "claimback-test", "cli",
                    java.time.Instant.now()); // a run of this (live) process

            assertEquals(0, OrphanAdoption.adopt(engine).snapshotsAdded());

            engine.catalog().finishRun(running, "failed", "gave up", null, java.time.Instant.now());
            assertEquals(1, OrphanAdoption.adopt(engine).snapshotsAdded(), "once no live process backs it up, it is adopted");
        }
    }
}
