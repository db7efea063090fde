package org.claimback.backup;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.claimback.catalog.ShrinkRecord;
import org.claimback.catalog.SnapshotRecord;

/**
 * The shrink guard's rule: a volume that became empty, or whose new snapshot holds fewer than
 * {@code percent} % of the files or of the bytes of the claim's last good snapshot, is suspicious.
 *
 * <p>The last good snapshot is the newest one that is neither partial nor suspicious and whose
 * totals are known. Suspicious snapshots never become the reference, so while a shrink is pending
 * every newer snapshot is still measured against the snapshot from before the shrink. A shrink a
 * person accepted ({@code claimback accept}) becomes the normal: an accepted shrunk snapshot turns
 * into an ordinary one (and so the reference), and an accepted empty volume (a shrink without a
 * snapshot) found after the reference was taken makes that reference stale.
 */
public final class ShrinkGuard {
    private final int percent;

    public ShrinkGuard(int percent) {
        if (percent < 0 || percent > 100) {
            throw new IllegalArgumentException("shrink guard percent must be 0..100, got " + percent);
        }
        this.percent = percent;
    }

    /** The snapshot a new one is measured against: the claim's newest good snapshot, unless a later shrink was accepted. */
    public static Optional<SnapshotRecord> reference(List<SnapshotRecord> snapshotsOfClaim, List<ShrinkRecord> shrinksOfClaim) {
        Optional<SnapshotRecord> good = snapshotsOfClaim.stream()
                .filter(s -> !s.partial() && !s.suspicious() && s.totalsKnown())
                .max(Comparator.comparing(SnapshotRecord::time).thenComparing(SnapshotRecord::id));
        if (good.isEmpty()) {
            return good;
        }
        boolean acceptedSince = shrinksOfClaim.stream()
                .anyMatch(s -> !s.pending() && s.snapshotId() == null && s.detectedAt().isAfter(good.get().time()));
        return acceptedSince ? Optional.empty() : good;
    }

    /** Why an empty volume is suspicious, or empty when it is not (no good snapshot with files before it, or the guard is off). */
    public Optional<String> emptyVolume(Optional<SnapshotRecord> reference, String claim) {
        if (percent == 0 || reference.isEmpty() || reference.get().filesTotal() == 0) {
            return Optional.empty();
        }
        SnapshotRecord r = reference.get();
        return Optional.of("the volume is empty but its last good snapshot " + r.shortId() + " had " + r.filesTotal()
                + " files (" + r.bytesTotal() + " bytes): check the volume (a rebuilt cluster, a wiped disk?);"
                + " when it is meant to be empty, run: claimback accept " + claim);
    }

    /** Why a new snapshot with these totals is suspicious, or empty when it is not. */
    public Optional<String> snapshot(Optional<SnapshotRecord> reference, long files, long bytes, String claim) {
        if (percent == 0 || reference.isEmpty()) {
            return Optional.empty();
        }
        SnapshotRecord r = reference.get();
        boolean fewerFiles = r.filesTotal() > 0 && files * 100 < r.filesTotal() * percent;
        boolean fewerBytes = r.bytesTotal() > 0 && bytes * 100 < r.bytesTotal() * percent;
        if (!fewerFiles && !fewerBytes) {
            return Optional.empty();
        }
        String what = fewerFiles && fewerBytes ? "files and bytes" : fewerFiles ? "files" : "bytes";
        return Optional.of("the volume shrank to under " + percent + "% of its " + what + ": " + files + " files, "
                + bytes + " bytes now against " + r.filesTotal() + " files, " + r.bytesTotal()
                + " bytes in its last good snapshot " + r.shortId()
                + "; check the volume, and when the shrink is meant, run: claimback accept " + claim);
    }
}
