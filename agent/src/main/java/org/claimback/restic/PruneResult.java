package org.claimback.restic;

import java.util.List;

/**
 * What {@code restic prune} said it did: its closing figures ("total prune: 2 blobs / 566 B",
 * "remaining: ...", "unused size after prune: ..."), empty when it printed none.
 */
public record PruneResult(List<String> figures) {
    public PruneResult {
        figures = List.copyOf(figures);
    }
}
