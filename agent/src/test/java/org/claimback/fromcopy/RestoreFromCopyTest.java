package org.claimback.fromcopy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.claimback.backup.BackupListener;
import org.claimback.backup.RunStates;
import org.claimback.backup.VolumeBackup;
import org.claimback.catalog.ClaimRecord;
import org.claimback.catalog.CopyRecord;
import org.claimback.catalog.SnapshotRecord;
import org.claimback.catalogcopy.CatalogBackup;
import org.claimback.catalogcopy.CatalogRebuild;
import org.claimback.catalogcopy.RebuildResult;
import org.claimback.config.Config;
import org.claimback.config.ConfigLoader;
import org.claimback.engine.Engine;
import org.claimback.outcome.ExitCode;
import org.claimback.outcome.UserError;
import org.claimback.restore.CopySource;
import org.claimback.restore.RestoreJob;
import org.claimback.restore.RestoreListener;
import org.claimback.restore.RestoredClaim;
import org.claimback.restore.SnapshotChoice;
import org.claimback.schedule.BackupAll;
import org.claimback.testing.ResticBinaries;
import org.claimback.testing.TestSetup;
import org.claimback.testing.TreeManifest;
import org.claimback.testing.VolumeTrees;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Restores from an offsite copy made with plain {@code restic copy}: with the primary repository
 * and the catalogue lost (catalogue rebuilt from the copy), with the catalogue kept, and with a
 * config that simply names the copy as its repository.
 */
class RestoreFromCopyTest {
    @TempDir
    Path tmp;

    static Stream<Path> restic() {
        return ResticBinaries.all().stream();
    }

    @ParameterizedTest(name = "restic {0}")
    @MethodSource("restic")
    void claims_are_restored_from_the_copy_after_the_repository_and_the_catalogue_are_lost(Path restic) throws Exception {
        TestSetup setup = TestSetup.create(tmp.resolve("server"), restic);
        Path postgres = VolumeTrees.realistic(setup.export().newVolume("default", "postgres"), 1);
        Path media = VolumeTrees.realistic(setup.export().newVolume("media", "library"), 2);
        List<String> primaryIds;
        try (Engine engine = Engine.open(ConfigLoader.load(setup.config()))) {
            backUpAll(engine);
            VolumeTrees.write(media.resolve("late.txt"), "second night\n".getBytes(StandardCharsets.UTF_8));
            backUpAll(engine);
            CatalogBackup.of(engine).run("cli");
            primaryIds = engine.catalog().snapshots().stream().map(SnapshotRecord::resticId).toList();
        }
        TreeManifest postgresExpected = TreeManifest.of(postgres);
        TreeManifest mediaExpected = TreeManifest.of(media);
        PlainResticCopy copy = PlainResticCopy.create(setup, tmp.resolve("offsite"));
        copy.copyAll();
        Map<String, String> copyIds = copy.copyIdsByOriginal();
        loseTheServer(setup);

        Config fresh = freshConfig(setup, copy, tmp.resolve("fresh"));
        RebuildResult rebuilt = CatalogRebuild.fromCopy(fresh, "offsite").rebuild(false);

        assertNotNull(rebuilt.copy(), "the catalogue copy in the copy repository was used: " + rebuilt);
        assertEquals(2, rebuilt.claims(), rebuilt::toString);
        assertEquals(3, rebuilt.snapshots(), "two of the first night, media's of the second: " + rebuilt);
        try (Engine engine = Engine.open(fresh)) {
            for (SnapshotRecord s : engine.catalog().snapshots()) {
                assertTrue(primaryIds.stream().anyMatch(s.resticId()::startsWith),
                        "snapshot rows keep the primary's ids: " + s.resticId() + " vs " + primaryIds);
                List<CopyRecord> held = engine.catalog().copiesOf(s.resticId());
                assertEquals(List.of(copyIds.get(s.resticId())), held.stream().map(CopyRecord::copyResticId).toList(),
                        "the copy record names the snapshot's id in the copy");
            }
            CopySource source = CopySource.of(engine, "offsite");
            Path into = tmp.resolve("restored/postgres");
            restore(engine, source, "default/postgres", null, into);
            assertEquals(List.of(), postgresExpected.differences(TreeManifest.of(into)));
            Path mediaInto = tmp.resolve("restored/media");
            RestoredClaim m = restore(engine, source, "media/library", null, mediaInto);
            assertEquals(List.of(), mediaExpected.differences(TreeManifest.of(mediaInto)));
            assertEquals(RunStates.OK, engine.catalog().runsOfKind("restore", null, 10).stream()
                    .filter(r -> r.id() == m.runId()).findFirst().orElseThrow().state());
        }
    }

    @ParameterizedTest(name = "restic {0}")
    @MethodSource("restic")
    void a_snapshot_the_copy_lacks_is_refused_naming_the_copy_and_one_it_holds_restores_by_its_copy_id(Path restic)
            throws Exception {
        TestSetup setup = TestSetup.create(tmp.resolve("server"), restic);
        Path app = setup.export().newVolume("default", "app");
        VolumeTrees.write(app.resolve("state.txt"), "copied\n".getBytes(StandardCharsets.UTF_8));
        try (Engine engine = Engine.open(ConfigLoader.load(setup.config()))) {
            backUpAll(engine);
        }
        TreeManifest copied = TreeManifest.of(app);
        PlainResticCopy copy = PlainResticCopy.create(setup, tmp.resolve("offsite"));
        copy.copyAll();
        setup.writeConfig(copy.configYaml("offsite"));
        try (Engine engine = Engine.open(ConfigLoader.load(setup.config()))) {
            recordCopies(engine, copy);
            VolumeTrees.write(app.resolve("state.txt"), "not copied yet\n".getBytes(StandardCharsets.UTF_8));
            backUpAll(engine);
            deleteTree(setup.repository());

            ClaimRecord claim = engine.claimResolver().resolve("default/app");
            CopySource source = CopySource.of(engine, "offsite");
            Path into = tmp.resolve("restored/app");
            UserError refused = assertThrows(UserError.class, () -> restore(engine, source, "default/app", null, into));
            assertEquals(ExitCode.FAILED, refused.exitCode());
            assertTrue(refused.getMessage().contains("is not in copy offsite (it holds 1 of default-app's snapshots")
                    && refused.getMessage().contains("`claimback copy --to offsite`"), refused.getMessage());
            assertFalse(Files.exists(into), "nothing was made for a snapshot the copy lacks");

            String copyId = engine.catalog().copiesIn("offsite").get(0).copyResticId();
            String primaryId = source.primaryId(copyId.substring(0, 10));
            assertEquals(engine.catalog().copiesIn("offsite").get(0).resticId(), primaryId);
            RestoredClaim r = restore(engine, source, "default/app", primaryId, into);
            assertEquals(List.of(), copied.differences(TreeManifest.of(into)));
            assertEquals(primaryId, r.snapshot().resticId());
            assertTrue(engine.catalog().snapshotsOf(claim.id()).size() == 2);
        }
    }

    @ParameterizedTest(name = "restic {0}")
    @MethodSource("restic")
    void a_config_naming_the_copy_as_its_repository_rebuilds_and_restores_with_the_plain_commands(Path restic)
            throws Exception {
        TestSetup setup = TestSetup.create(tmp.resolve("server"), restic);
        Path data = VolumeTrees.realistic(setup.export().newVolume("default", "data"), 3);
        try (Engine engine = Engine.open(ConfigLoader.load(setup.config()))) {
            backUpAll(engine);
        }
        TreeManifest expected = TreeManifest.of(data);
        PlainResticCopy copy = PlainResticCopy.create(setup, tmp.resolve("offsite"));
        copy.copyAll();
        loseTheServer(setup);

        Path dir = tmp.resolve("fresh");
        Files.createDirectories(dir);
        Path file = dir.resolve("config.yaml");
        Files.writeString(file, "exports:\n  - path: " + setup.export().root() + "\nrepository: " + copy.repository()
                + "\npasswordFile: " + copy.passwordFile() + "\ncatalog: " + dir.resolve("catalog.db")
                + "\nhost: claimback-test\nrestic:\n  binary: " + restic + "\n  cacheDir: " + dir.resolve("cache") + "\n");
        Config config = ConfigLoader.load(file);
        RebuildResult rebuilt = CatalogRebuild.of(config).rebuild(false);
        assertEquals(1, rebuilt.snapshots(), rebuilt::toString);
        try (Engine engine = Engine.open(config)) {
            ClaimRecord claim = engine.claimResolver().resolve("default/data");
            Path into = tmp.resolve("restored/data");
            engine.restoreEngine().restore(new RestoreJob("restore", claim, SnapshotChoice.choose(engine.catalog(), claim,
                    (String) null), into, false, "cli"), RestoreListener.NONE);
            assertEquals(List.of(), expected.differences(TreeManifest.of(into)));
        }
    }

    static void backUpAll(Engine engine) {
        engine.repositoryAccess().readyForBackup();
        List<VolumeBackup> results = engine.backupEngine().backup(BackupAll.liveVolumes(engine), "cli", BackupListener.NONE);
        assertTrue(results.stream().allMatch(r -> r.state().equals(RunStates.OK) || r.state().equals(RunStates.SKIPPED_UNCHANGED)),
                results::toString);
    }

    /** Copy records as claimback's copy engine keeps them: the catalogue's id (0.14: short) to the copy's id. */
    static void recordCopies(Engine engine, PlainResticCopy copy) {
        for (var e : copy.copyIdsByOriginal().entrySet()) {
            SnapshotRecord s = engine.catalog().snapshotByResticId(e.getKey().substring(0, 8)).orElseThrow();
            engine.catalog().addCopy(new CopyRecord(s.resticId(), "offsite", e.getValue(), s.time(),
                    engine.clock().instant(), null));
        }
    }

    static RestoredClaim restore(Engine engine, CopySource source, String claimName, String snapshotId, Path into) {
        ClaimRecord claim = engine.claimResolver().resolve(claimName);
        SnapshotRecord snapshot = SnapshotChoice.choose(engine.catalog(), claim, snapshotId);
        return engine.restoreEngine().from(source).restore(new RestoreJob("restore", claim, snapshot, into, false, "cli"),
                RestoreListener.NONE);
    }

    /** The primary repository, the catalogue and restic's cache are gone; the exports stay. */
    static void loseTheServer(TestSetup setup) throws IOException {
        deleteTree(setup.repository());
        deleteTree(setup.dir().resolve("var"));
        deleteTree(setup.dir().resolve("cache"));
    }

    /** A new machine's config: the same exports and host, a new catalogue, the lost repository, the copy as offsite. */
    static Config freshConfig(TestSetup setup, PlainResticCopy copy, Path dir) throws IOException {
        Files.createDirectories(dir);
        Path file = dir.resolve("config.yaml");
        Files.writeString(file, "exports:\n  - path: " + setup.export().root() + "\nrepository: " + setup.repository()
                + "\npasswordFile: " + setup.passwordFile() + "\ncatalog: " + dir.resolve("catalog.db")
                + "\nhost: claimback-test\nrestic:\n  binary: " + setup.restic() + "\n  cacheDir: " + dir.resolve("cache")
                + "\n" + copy.configYaml("offsite"));
        return ConfigLoader.load(file);
    }

    static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
