package org.claimback.fssnapshot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.claimback.restic.BackupRequest;
import org.claimback.restic.BackupSummary;
import org.claimback.restic.MountView;
import org.claimback.restic.Restic;
import org.claimback.restic.ResticSettings;
import org.claimback.testing.LoopBtrfs;
import org.claimback.testing.ResticBinaries;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * What the backup engine relies on, with real restic (0.14 and 0.18): a volume backed up from a
 * btrfs snapshot bind-mounted at its own path finds its live backup as parent and every file
 * unchanged (no content is read again), and reads the volume as it was when the snapshot was made.
 *
 * <p>Each btrfs snapshot has a device number of its own, and restic stores the device number in
 * every tree node: restic 0.14 therefore stores every directory's tree anew (metadata only, some
 * hundred bytes per entry) on each backup through a new snapshot. restic 0.17 and later do not when
 * run with {@code RESTIC_FEATURES=device-id-for-hardlinks} (an alpha flag: the device number is then
 * kept only for hard-linked files), and add nothing for an unchanged volume.
 */
class BackupThroughSnapshotTest {
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
        if (btrfs != null) {
            btrfs.close();
        }
    }

    static List<Path> restic() {
        return ResticBinaries.all();
    }

    @ParameterizedTest(name = "restic {0}")
    @MethodSource("restic")
    void a_backup_through_the_snapshot_finds_every_file_unchanged_and_misses_writes_made_after_it(Path binary) throws Exception {
        Path subvolume = btrfs.newSubvolume("restic-" + ResticBinaries.versionOf(binary));
        Path volume = Files.createDirectories(subvolume.resolve("default-data-pvc-1"));
        byte[] data = new byte[256 * 1024];
        new Random(1).nextBytes(data);
        Files.write(volume.resolve("blob.bin"), data);
        Files.createDirectories(volume.resolve("sub"));
        Files.writeString(volume.resolve("sub/app.db"), "before");
        boolean deviceIdFlag = !ResticBinaries.versionOf(binary).startsWith("0.14");
        ResticSettings settings = ResticBinaries.newRepository(binary, tmp);
        Restic restic = new Restic(new ResticSettings(settings.binary(), settings.repository(), settings.passwordFile(),
                deviceIdFlag ? Map.of("RESTIC_FEATURES", "device-id-for-hardlinks") : Map.of(), settings.cacheDir()));
        BackupSummary live = restic.backup(new BackupRequest(volume, "claimback-test", List.of("claimback")), null).summary();
        assertEquals(2, live.filesNew());

        BtrfsSnapshots snapshots = new BtrfsSnapshots();
        FsSnapshot snapshot = snapshots.create(subvolume);
        try {
            Files.writeString(volume.resolve("sub/app.db"), "written after the snapshot");
            Files.writeString(volume.resolve("later.txt"), "new after the snapshot");
            MountView view = new MountView(List.of(new MountView.Bind(snapshot.view(volume), volume)), List.of());

            BackupSummary fromSnapshot = restic.backup(new BackupRequest(volume, "claimback-test", List.of("claimback"), view), null)
                    .summary();

            assertEquals(List.of(0L, 0L, 2L), List.of(fromSnapshot.filesNew(), fromSnapshot.filesChanged(),
                    fromSnapshot.filesUnmodified()), fromSnapshot::toString);
            if (deviceIdFlag) {
                assertEquals(0, fromSnapshot.dataAdded(), "nothing new with device-id-for-hardlinks: " + fromSnapshot);
            } else {
                assertTrue(fromSnapshot.dataAdded() > 0 && fromSnapshot.dataAdded() < 4096,
                        "restic 0.14 stores the trees again (new device number), never the file contents: " + fromSnapshot);
            }
        } finally {
            snapshots.delete(snapshot);
        }
        BackupSummary liveAgain = restic.backup(new BackupRequest(volume, "claimback-test", List.of("claimback")), null).summary();
        assertEquals(List.of(1L, 1L, 1L), List.of(liveAgain.filesNew(), liveAgain.filesChanged(), liveAgain.filesUnmodified()),
                "the writes after the snapshot were not in the snapshot's backup: " + liveAgain);
    }
}
