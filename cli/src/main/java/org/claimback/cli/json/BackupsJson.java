package org.claimback.cli.json;

import java.util.List;

/**
 * {@code claimback backups CLAIM --json}: the claim, its volume snapshots and its streamed dumps
 * (every state), each newest first.
 */
public record BackupsJson(ClaimJson claim, List<SnapshotJson> snapshots, List<DumpJson> dumps) {

    public BackupsJson {
        snapshots = List.copyOf(snapshots);
        dumps = List.copyOf(dumps);
    }
}
