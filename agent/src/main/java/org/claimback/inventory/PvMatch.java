package org.claimback.inventory;

import java.nio.file.Path;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import org.claimback.catalog.InventoryPvRecord;

/**
 * Where one PV of an inventory is on this server, or why it is not.
 *
 * @param pv         the PV
 * @param outcome    see {@link Outcome}
 * @param serverPath the PV's directory as its NFS server exports it; null when {@link Outcome#SKIPPED}
 * @param exportRoot the export root the directory is under; null unless {@link Outcome#MATCHED}
 * @param directory  the directory on this server; null unless {@link Outcome#MATCHED}
 * @param exists     true when {@code directory} is a directory now (a matched PV whose directory
 *                   was deleted or archived still has its path)
 * @param reason     how it was matched, or why not: one line a person can act on. For skipped
 *                   PVs a short category without the PV's name, so that they can be counted
 */
public record PvMatch(PvEntry pv, Outcome outcome, ServerPath serverPath, Path exportRoot, Path directory,
                      boolean exists, String reason) {

    /** What became of a PV. */
    public enum Outcome {
        /** Its directory is under an export root of this server. */
        MATCHED,
        /** On NFS, but under none of this server's export roots (another server, or a directory gone). */
        NOT_FOUND,
        /** On NFS and found under more than one export root: not guessed. */
        AMBIGUOUS,
        /** Not a volume this server can hold: another volume type, csi driver or NFS server. */
        SKIPPED
    }

    public PvMatch {
        Objects.requireNonNull(pv, "pv");
        Objects.requireNonNull(outcome, "outcome");
        Objects.requireNonNull(reason, "reason");
        if ((outcome == Outcome.MATCHED) != (directory != null) || (directory == null) != (exportRoot == null)) {
            throw new IllegalArgumentException(pv.pvName() + ": a directory and an export root go with MATCHED only");
        }
    }

    /** The directory on this server, when matched. */
    public Optional<Path> localPath() {
        return Optional.ofNullable(directory);
    }

    /**
     * The catalogue's record of this PV as an inventory read from {@code source} at {@code seenAt}
     * describes it (id 0, first seen = last seen = {@code seenAt}).
     */
    public InventoryPvRecord toRecord(Path source, Instant seenAt) {
        boolean claim = pv.bound();
        boolean csi = pv.csiDriver() != null;
        return new InventoryPvRecord(0, pv.pvName(), claim ? pv.claimNamespace() : null,
                claim ? pv.claimName() : null, pv.claimUid(), pv.storageClass(), pv.capacity(), pv.accessModes(),
                pv.reclaimPolicy(), pv.phase(), pv.provisionedBy(),
                serverPath != null ? serverPath.server() : pv.nfsServer(),
                serverPath != null ? serverPath.path() : pv.nfsPath(),
                csi ? pv.csiAttribute("share") : null, serverPath != null ? serverPath.subdir() : null,
                pv.csiVolumeHandle(), directory == null ? null : directory.toString(), source.toString(),
                seenAt, seenAt);
    }
}
