package org.claimback.consistency;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.claimback.config.ExportConfig;
import org.claimback.fssnapshot.BtrfsSnapshots;
import org.claimback.fssnapshot.FsSnapshot;
import org.claimback.fssnapshot.FsSnapshotException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The filesystem snapshots of one backup run: one read-only btrfs snapshot per subvolume holding
 * an export with {@code snapshot: btrfs} that has volumes in the run, taken before any of them is
 * read, so that every volume of the run is read at that one point in time. Closing deletes them;
 * snapshots a killed process left behind are deleted before new ones are taken.
 *
 * <p>A snapshot that cannot be taken fails the backups of that export's volumes (with the reason):
 * they are never read live instead, since the config asked for one point in time.
 */
public final class RunSnapshots implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(RunSnapshots.class);

    /** Per export root: its snapshot, or why there is none. */
    private final Map<Path, Taken> byExport;
    private final BtrfsSnapshots btrfs;

    private record Taken(Path subvolume, FsSnapshot snapshot, String failure) {}

    private RunSnapshots(Map<Path, Taken> byExport, BtrfsSnapshots btrfs) {
        this.byExport = byExport;
        this.btrfs = btrfs;
    }

    /** No snapshots: every volume is read live. */
    public static RunSnapshots none() {
        return new RunSnapshots(Map.of(), null);
    }

    /** Takes the snapshots for the exports among {@code exportRoots} whose config asks for one. */
    public static RunSnapshots take(List<ExportConfig> exports, Collection<Path> exportRoots, BtrfsSnapshots btrfs) {
        Map<Path, Taken> byExport = new LinkedHashMap<>();
        Map<Path, Taken> bySubvolume = new LinkedHashMap<>();
        for (ExportConfig export : exports) {
            if (!export.btrfsSnapshot() || !exportRoots.contains(export.path())) {
                continue;
            }
            Taken taken;
            try {
                Path subvolume = btrfs.subvolumeOf(export.path());
                taken = bySubvolume.get(subvolume);
                if (taken == null) {
                    btrfs.removeLeftovers(subvolume).forEach(p -> LOG.warn("removed a snapshot a stopped claimback left: {}", p));
                    FsSnapshot snapshot = btrfs.create(subvolume);
                    LOG.info("took the read-only btrfs snapshot {} of {} for this run", snapshot.path(), subvolume);
                    taken = new Taken(subvolume, snapshot, null);
                    bySubvolume.put(subvolume, taken);
                }
            } catch (FsSnapshotException e) {
                LOG.error("cannot snapshot the export {}: {}", export.path(), e.getMessage());
                taken = new Taken(null, null, "cannot snapshot the export " + export.path() + ": " + e.getMessage());
            }
            byExport.put(export.path(), taken);
        }
        return new RunSnapshots(byExport, btrfs);
    }

    /** Deletes leftovers of stopped processes under every export with {@code snapshot: btrfs} (at agent start). */
    public static void removeLeftovers(List<ExportConfig> exports, BtrfsSnapshots btrfs) {
        for (ExportConfig export : exports) {
            if (export.btrfsSnapshot()) {
                try {
                    btrfs.removeLeftovers(btrfs.subvolumeOf(export.path()))
                            .forEach(p -> LOG.warn("removed a snapshot a stopped claimback left: {}", p));
                } catch (FsSnapshotException e) {
                    LOG.warn("cannot look for leftover snapshots of {}: {}", export.path(), e.getMessage());
                }
            }
        }
    }

    /**
     * The snapshot a volume of {@code exportRoot} is read from, or empty when its export is read live.
     *
     * @throws FsSnapshotException when its export's snapshot could not be taken, or the volume is a
     *     subvolume of its own (a snapshot of the export does not hold it)
     */
    public Optional<FsSnapshot> snapshotFor(Path exportRoot, Path volumeDir) throws FsSnapshotException {
        Taken taken = byExport.get(exportRoot);
        if (taken == null) {
            return Optional.empty();
        }
        if (taken.failure() != null) {
            throw new FsSnapshotException(taken.failure());
        }
        Path subvolume = btrfs.subvolumeOf(volumeDir);
        if (!subvolume.equals(taken.subvolume())) {
            throw new FsSnapshotException(volumeDir + " is a btrfs subvolume of its own, so the export's snapshot does not hold"
                    + " it: make it a plain directory or set snapshot: none for " + exportRoot);
        }
        return Optional.of(taken.snapshot());
    }

    /** Deletes the run's snapshots; a failure is logged (the next run removes the leftover). */
    @Override
    public void close() {
        List<FsSnapshot> deleted = new ArrayList<>();
        for (Taken taken : byExport.values()) {
            if (taken.snapshot() == null || deleted.contains(taken.snapshot())) {
                continue;
            }
            try {
                btrfs.delete(taken.snapshot());
                LOG.info("deleted the run's snapshot {}", taken.snapshot().path());
            } catch (FsSnapshotException | RuntimeException e) {
                LOG.error("cannot delete the snapshot {}: {} (the next run removes it)", taken.snapshot().path(), e.getMessage());
            }
            deleted.add(taken.snapshot());
        }
    }
}
