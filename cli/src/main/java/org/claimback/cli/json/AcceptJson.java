package org.claimback.cli.json;

import java.util.List;
import org.claimback.catalog.ShrinkRecord;

/**
 * {@code claimback accept CLAIM --json}: the claim and the shrinks just accepted (empty when there
 * was nothing to accept). {@code snapshot} is the suspicious snapshot's id, null when the volume
 * was empty; times are ISO-8601 UTC.
 */
public record AcceptJson(String claimKey, String namespace, String name, List<Accepted> accepted) {

    public record Accepted(String detectedAt, Long runId, String snapshot, String reason) {

        public static Accepted of(ShrinkRecord s) {
            return new Accepted(s.detectedAt().toString(), s.runId(), s.snapshotId(), s.reason());
        }
    }
}
