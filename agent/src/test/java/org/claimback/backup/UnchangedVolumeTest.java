package org.claimback.backup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.claimback.catalog.RunRecord;
import org.claimback.catalog.VolumeRecord;
import org.claimback.fingerprint.VolumeChange;
import org.claimback.restic.Snapshot;
import org.claimback.testing.ResticBinaries;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Skipping unchanged volumes never misses a change restic would notice: one volume per kind of
 * change and one untouched, backed up, changed, backed up again, on both restic versions.
 */
class UnchangedVolumeTest {
    @TempDir
    Path tmp;

    static Stream<Path> restic() {
        return ResticBinaries.all().stream();
    }

    @ParameterizedTest(name = "restic {0}")
    @MethodSource("restic")
    void should_back_up_every_changed_volume_and_skip_only_the_untouched_one(Path restic) throws Exception {
        try (BackupFixture f = BackupFixture.plain(tmp, restic, "backup:\n  parallel: 2\n")) {
            Map<VolumeChange, Path> changed = new HashMap<>();
            for (VolumeChange change : VolumeChange.values()) {
                Path v = f.setup.export().newVolume("default", change.name().toLowerCase().replace('_', '-'));
                VolumeChange.writeBase(v);
                changed.put(change, v);
            }
            Path untouched = f.setup.export().newVolume("default", "untouched");
            VolumeChange.writeBase(untouched);
            List<VolumeRecord> volumes = f.liveVolumes();

            List<VolumeBackup> first = f.backupEngine().backup(volumes, "cli", BackupListener.NONE);
            assertTrue(first.stream().allMatch(r -> r.state().equals(RunStates.OK)), first::toString);
            Map<String, VolumeBackup> firstByPath = byPath(first);
            for (var e : changed.entrySet()) {
                e.getKey().applyTo(e.getValue());
            }
            List<VolumeBackup> second = f.backupEngine().backup(volumes, "cli", BackupListener.NONE);

            List<Snapshot> inRepository = f.repositorySnapshots();
            for (var e : changed.entrySet()) {
                VolumeBackup before = firstByPath.get(e.getValue().toString());
                VolumeBackup after = byPath(second).get(e.getValue().toString());
                assertEquals(RunStates.OK, after.state(), e.getKey() + ": " + after);
                Snapshot was = find(inRepository, before.snapshot().resticId());
                Snapshot now = find(inRepository, after.snapshot().resticId());
                assertNotEquals(was.tree() + was.tags(), now.tree() + now.tags(),
                        e.getKey() + ": restic's snapshot must differ, or the change was not one restic notices");
            }
            VolumeBackup skipped = byPath(second).get(untouched.toString());
            String covering = firstByPath.get(untouched.toString()).snapshot().resticId();
            assertEquals(RunStates.SKIPPED_UNCHANGED, skipped.state(), skipped::toString);
            assertEquals(covering, skipped.snapshot().resticId());
            RunRecord run = f.engine.catalog().runById(skipped.runId()).orElseThrow();
            assertEquals(covering, run.snapshotId());
            assertEquals(0L, run.bytesAdded());
            assertTrue(run.error().startsWith("unchanged since snapshot " + covering.substring(0, 8) + " (10 entries scanned)"),
                    run::toString);
            assertEquals(2 * VolumeChange.values().length + 1, inRepository.size(), "no snapshot for the skipped volume");

            VolumeRecord control = volumes.stream().filter(v -> v.path().equals(untouched.toString())).findFirst().orElseThrow();
            VolumeBackup full = f.backupEngine().backup(List.of(control), "cli", BackupListener.NONE, true).get(0);
            assertEquals(RunStates.OK, full.state(), full::toString);
            assertEquals(0, full.snapshot().filesNew(), "restic itself finds nothing new: " + full.snapshot());
            assertEquals(0, full.snapshot().filesChanged(), "restic itself finds nothing changed: " + full.snapshot());
            assertNotNull(f.engine.catalog().runById(full.runId()).orElseThrow().bytesAdded());
            assertEquals(full.snapshot().resticId(), f.engine.catalog().fingerprintOf(control.id()).orElseThrow().snapshotId(),
                    "a full backup stores a new fingerprint");
        }
    }

    /** On 0.14, whose short snapshot ids the fingerprint stores: the lookup of the covering snapshot must still work. */
    @org.junit.jupiter.api.Test
    void should_back_up_again_when_the_covering_snapshot_is_gone_from_the_catalogue() throws Exception {
        try (BackupFixture f = BackupFixture.plain(tmp, ResticBinaries.v014(), "")) {
            VolumeChange.writeBase(f.setup.export().newVolume("default", "app"));
            VolumeRecord volume = f.volume("app");
            VolumeBackup first = f.backupEngine().backup(List.of(volume), "cli", BackupListener.NONE).get(0);
            assertEquals(RunStates.OK, first.state(), first::toString);

            f.engine.catalog().deleteSnapshots(List.of(first.snapshot().id()));
            VolumeBackup second = f.backupEngine().backup(List.of(volume), "cli", BackupListener.NONE).get(0);

            assertEquals(RunStates.OK, second.state(), second::toString);
            assertNotEquals(first.snapshot().resticId(), second.snapshot().resticId());
        }
    }

    private static Map<String, VolumeBackup> byPath(List<VolumeBackup> results) {
        Map<String, VolumeBackup> map = new HashMap<>();
        results.forEach(r -> map.put(r.volume().path(), r));
        return map;
    }

    private static Snapshot find(List<Snapshot> snapshots, String id) {
        return snapshots.stream().filter(s -> s.id().startsWith(id)).findFirst()
                .orElseThrow(() -> new AssertionError("no snapshot " + id + " in the repository: " + snapshots));
    }
}
