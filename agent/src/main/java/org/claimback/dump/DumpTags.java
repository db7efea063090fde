package org.claimback.dump;

import java.util.ArrayList;
import java.util.List;
import org.claimback.catalog.ClaimRecord;

/**
 * The tags of a dump's snapshot, so that plain restic finds a claim's dumps
 * ({@code restic snapshots --tag claimback-dump,claim-key=KEY}) and the catalogue can be rebuilt
 * from the repository. The mark is {@link #MARK}, never the volume mark {@code claimback}: volume
 * retention, restores and rebuilds filter on that one and so never see a dump.
 */
public final class DumpTags {
    /** Marks every dump snapshot claimback made. */
    public static final String MARK = "claimback-dump";
    public static final String CLAIM_KEY = "claim-key=";
    public static final String NAMESPACE = "namespace=";
    public static final String CLAIM = "claim=";
    /** The dump's name in the config, also the one file in the snapshot ({@code /NAME}). */
    public static final String DUMP = "dump=";
    /** The id of the backup run that took it. */
    public static final String RUN = "run=";

    private DumpTags() {}

    /** MARK, claim-key, namespace and claim when known, dump, run. */
    public static List<String> of(ClaimRecord claim, String dumpName, long runId) {
        List<String> tags = new ArrayList<>();
        tags.add(MARK);
        tags.add(CLAIM_KEY + claim.claimKey());
        if (claim.namespace() != null) {
            tags.add(NAMESPACE + claim.namespace());
            tags.add(CLAIM + claim.name());
        }
        tags.add(DUMP + dumpName);
        tags.add(RUN + runId);
        return tags;
    }
}
