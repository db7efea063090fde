package org.claimback.consistency;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.claimback.backup.BackupListener;
import org.claimback.backup.RunStates;
import org.claimback.backup.VolumeBackup;
import org.claimback.catalog.VolumeRecord;
import org.claimback.config.ConfigLoader;
import org.claimback.engine.Engine;
import org.claimback.fssnapshot.BtrfsSnapshots;
import org.claimback.schedule.BackupAll;
import org.claimback.testing.LoopBtrfs;
import org.claimback.testing.ResticBinaries;
import org.claimback.testing.TestExport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * An export on btrfs with {@code snapshot: btrfs}: a writer that keeps two volumes in step (it
 * writes n into volume a, then n into volume b, over and over) is backed up while it writes, and
 * the two snapshots must hold the same instant: a's counter is b's or one ahead. The same backup
 * read live, one volume after the other, is shown to tear them apart (so the check can fail). The
 * run's btrfs snapshot is gone afterwards, and the next backup through a new snapshot finds every
 * file unchanged (restic's parent is found by the volume's own path).
 */
class OnePointInTimeTest {
    @TempDir
    static Path shared;
    static LoopBtrfs btrfs;

    @TempDir
    Path tmp;

    @BeforeAll
    static void mount() throws IOException {
        btrfs = LoopBtrfs.create(shared, 256);
    }

    @AfterAll
    static void unmount() throws IOException {
        btrfs.close();
    }

    static Stream<Path> restic() {
        return ResticBinaries.all().stream();
    }

    @ParameterizedTest(name = "restic {0}")
    @MethodSource("restic")
    void volumes_read_through_the_run_snapshot_hold_one_point_in_time(Path restic) throws Exception {
        Path exportRoot = btrfs.newSubvolume("export-" + restic.getParent().getFileName() + "-" + System.nanoTime());
        TestExport export = new TestExport(exportRoot);
        Path a = export.newVolume("shop", "orders");
        Path b = export.newVolume("shop", "ledger");
        for (Path v : List.of(a, b)) {
            for (int i = 0; i < 50; i++) {
                Files.writeString(v.resolve("filler-" + i + ".txt"), "filler " + i + "\n".repeat(200));
            }
            Files.writeString(v.resolve("counter.txt"), "0");
        }
        Path snapshotConfig = config(restic, exportRoot, "btrfs", 2);
        Path liveConfig = config(restic, exportRoot, "none", 1);
        AtomicBoolean stop = new AtomicBoolean();
        AtomicLong written = new AtomicLong();
        Thread writer = new Thread(() -> write(a, b, stop, written), "two-volume-writer");
        writer.start();
        try {
            while (written.get() < 200) {
                Thread.sleep(10);
            }
            try (Engine engine = Engine.open(ConfigLoader.load(snapshotConfig))) {
                Map<String, VolumeBackup> r = backUp(engine, false);
                long ca = counter(engine, r.get(a.toString()));
                long cb = counter(engine, r.get(b.toString()));
                assertTrue(ca == cb || ca == cb + 1, "one point in time: a=" + ca + " b=" + cb);
                assertTrue(ca > 0, "the writer was writing during the backup");
                assertEquals("fs-snapshot", r.get(a.toString()).snapshot().consistency());
                assertEquals("fs-snapshot", engine.catalog().runById(r.get(b.toString()).runId()).orElseThrow().consistency());
            }
            try (Engine engine = Engine.open(ConfigLoader.load(liveConfig))) {
                Map<String, VolumeBackup> r = backUp(engine, true);
                // read live, a renamed file can even be missed by the directory listing (-1)
                long ca = counterOrMissing(engine, r.get(a.toString()));
                long cb = counterOrMissing(engine, r.get(b.toString()));
                assertTrue(ca < 0 || cb < 0 || Math.abs(ca - cb) > 1,
                        "read live one after the other, the volumes drift apart: a=" + ca + " b=" + cb);
            }
        } finally {
            stop.set(true);
            writer.join();
        }
        Path snapshots = exportRoot.resolve(BtrfsSnapshots.DIRECTORY);
        try (Stream<Path> left = Files.exists(snapshots) ? Files.list(snapshots) : Stream.empty()) {
            assertEquals(List.of(), left.toList(), "the run's snapshot was removed");
        }
        try (Engine engine = Engine.open(ConfigLoader.load(snapshotConfig))) {
            backUp(engine, true); // the writer stopped: this one holds the final state
            for (VolumeBackup again : backUp(engine, true).values()) {
                assertEquals(RunStates.OK, again.state(), again::toString);
                assertEquals(0, again.snapshot().filesNew(), "nothing new through a new snapshot: " + again.snapshot());
                assertEquals(0, again.snapshot().filesChanged(), "nothing changed through a new snapshot: " + again.snapshot());
                assertEquals(again.snapshot().filesTotal(), again.snapshot().filesUnmodified());
            }
            for (VolumeBackup skipped : backUp(engine, false).values()) {
                assertEquals(RunStates.SKIPPED_UNCHANGED, skipped.state(), "the fingerprint of the snapshot's copy matches: " + skipped);
            }
        }
    }

    private Map<String, VolumeBackup> backUp(Engine engine, boolean full) {
        engine.repositoryAccess().readyForBackup();
        List<VolumeRecord> volumes = BackupAll.liveVolumes(engine);
        return engine.backupEngine().backup(volumes, "cli", BackupListener.NONE, full).stream()
                .collect(Collectors.toMap(v -> v.volume().path(), Function.identity()));
    }

    /** The counter a volume's snapshot holds, read back with restic dump. */
    private long counter(Engine engine, VolumeBackup backup) {
        assertEquals(RunStates.OK, backup.state(), backup::toString);
        long n = counterOrMissing(engine, backup);
        assertTrue(n >= 0, "the snapshot holds counter.txt");
        return n;
    }

    /**
     * The counter a volume's snapshot holds, or -1 when the snapshot has no counter.txt (read live,
     * the snapshot may also be partial: a renamed-away file vanished under restic).
     */
    private long counterOrMissing(Engine engine, VolumeBackup backup) {
        assertTrue(backup.snapshot() != null, backup::toString);
        StringBuilder out = new StringBuilder();
        var run = engine.restic().run(List.of("dump", backup.snapshot().resticId(), "/counter.txt"), null, out::append);
        if (run.exitCode() != 0 && String.join("\n", run.stderrTail()).contains("not found")) {
            return -1;
        }
        assertEquals(0, run.exitCode(), String.join("\n", run.stderrTail()));
        return Long.parseLong(out.toString().strip());
    }

    private Path config(Path restic, Path exportRoot, String snapshot, int parallel) throws IOException {
        Path password = tmp.resolve("password");
        if (!Files.exists(password)) {
            Files.writeString(password, ResticBinaries.PASSWORD + "\n");
            Files.setPosixFilePermissions(password, PosixFilePermissions.fromString("rw-------"));
        }
        Path config = tmp.resolve("config-" + snapshot + ".yaml");
        Files.writeString(config, "exports:\n"
                + "  - path: " + exportRoot + "\n"
                + "    snapshot: " + snapshot + "\n"
                + "repository: " + tmp.resolve("repo-" + snapshot) + "\n"
                + "passwordFile: " + password + "\n"
                + "catalog: " + tmp.resolve("catalog-" + snapshot + ".db") + "\n"
                + "host: claimback-test\n"
                + "restic:\n  binary: " + restic + "\n  cacheDir: " + tmp.resolve("cache") + "\n"
                + "backup:\n  parallel: " + parallel + "\n");
        return config;
    }

    /** n into a, then n into b, each by rename (never a half-written file), as fast as it goes. */
    private static void write(Path a, Path b, AtomicBoolean stop, AtomicLong written) {
        try {
            for (long n = 1; !stop.get(); n++) {
                for (Path v : List.of(a, b)) {
                    Path next = v.resolve(".counter.next");
                    Files.writeString(next, Long.toString(n), StandardCharsets.UTF_8);
                    Files.move(next, v.resolve("counter.txt"), StandardCopyOption.ATOMIC_MOVE);
                }
                written.set(n);
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
