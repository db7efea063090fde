package org.claimback.backup;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.claimback.catalog.ClaimRecord;
import org.claimback.catalog.VolumeRecord;

/**
 * The tags every claimback snapshot carries, so that plain restic finds a claim's snapshots
 * ({@code restic snapshots --tag claim-key=default-data}) and the catalogue can be rebuilt from
 * the repository alone.
 */
public final class SnapshotTags {
    /** Marks every snapshot claimback made. */
    public static final String MARK = "claimback";
    public static final String CLAIM_KEY = "claim-key=";
    public static final String PV = "pv=";
    public static final String NAMESPACE = "namespace=";
    public static final String CLAIM = "claim=";
    /** Owner and mode of the volume directory itself ({@code uid:gid:mode}), which restic does not store. */
    public static final String ROOT = "root=";
    /** How the snapshot was made consistent (see consistency.ConsistencyMethod), e.g. consistency=sqlite-online-backup. */
    public static final String CONSISTENCY = "consistency=";

    private SnapshotTags() {}

    public static List<String> of(ClaimRecord claim, VolumeRecord volume, RootAttributes root) {
        List<String> tags = new ArrayList<>();
        tags.add(MARK);
        tags.add(CLAIM_KEY + claim.claimKey());
        if (volume.pvName() != null) {
            tags.add(PV + volume.pvName());
        }
        if (claim.namespace() != null) {
            tags.add(NAMESPACE + claim.namespace());
            tags.add(CLAIM + claim.name());
        }
        if (root != null) {
            tags.add(ROOT + root.toTag());
        }
        return tags;
    }

    /** The value of the first tag with this prefix. */
    public static Optional<String> value(List<String> tags, String prefix) {
        return tags.stream().filter(t -> t.startsWith(prefix)).map(t -> t.substring(prefix.length())).findFirst();
    }
}
