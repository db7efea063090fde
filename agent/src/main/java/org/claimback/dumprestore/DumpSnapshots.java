package org.claimback.dumprestore;

import java.util.ArrayList;
import java.util.List;
import org.claimback.backup.SnapshotTags;
import org.claimback.catalog.ClaimRecord;
import org.claimback.dump.DumpTags;
import org.claimback.restic.Snapshot;

/**
 * The tags of a dump snapshot: {@link #MARK} (never {@link SnapshotTags#MARK}, so nothing that
 * reads volume snapshots sees a dump), the claim's {@code claim-key=} (and {@code namespace=},
 * {@code claim=} when known), {@code dump=NAME} and {@code run=RUNID}. Plain restic finds a
 * claim's dumps with {@code restic snapshots --tag claimback-dump,claim-key=KEY,dump=NAME}.
 */
public final class DumpSnapshots {
    /** Marks every dump snapshot. */
    public static final String MARK = DumpTags.MARK;
    /** The dump's name in the config; the snapshot holds the file {@code /NAME}. */
    public static final String NAME = DumpTags.DUMP;
    /** The backup run that took it. */
    public static final String RUN = DumpTags.RUN;

    private DumpSnapshots() {}

    /** The tags that pick exactly one claim's dumps of one name (for {@code restic forget}). */
    public static List<String> filterTags(ClaimRecord claim, String name) {
        List<String> tags = new ArrayList<>(List.of(MARK, SnapshotTags.CLAIM_KEY + claim.claimKey()));
        if (claim.namespace() != null) {
            tags.add(SnapshotTags.NAMESPACE + claim.namespace());
            tags.add(SnapshotTags.CLAIM + claim.name());
        }
        tags.add(NAME + name);
        return tags;
    }

    /** The tags plain restic is given in the runbook: mark, claim key, dump name. */
    public static String plainFilter(ClaimRecord claim, String name) {
        return MARK + "," + SnapshotTags.CLAIM_KEY + claim.claimKey() + "," + NAME + name;
    }

    public static boolean isDump(Snapshot s) {
        return s.tags().contains(MARK);
    }
}
