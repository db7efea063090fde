package org.claimback.catalog;

import java.time.Instant;
import java.util.List;

/**
 * One streamed dump of a claim: a restic snapshot of a producer's standard output (see V006).
 * {@code id} is 0 until the record is stored.
 *
 * @param resticId the snapshot restic saved (full id, or the short id on 0.14), or null when none was saved
 * @param shortId  its first 8 characters, or null
 * @param runId    the backup run it belongs to, or null (rebuilt from the repository)
 * @param name     the dump's name in the config; the snapshot holds it as the file {@code /NAME}
 * @param bytes    what the producer wrote
 * @param state    one of {@link #STATES}
 * @param error    why it failed, else null
 */
public record DumpRecord(long id, String resticId, String shortId, long claimId, Long runId, String name, Instant time,
                         String host, long bytes, String state, String error) {

    /** ok: complete; failed: the producer failed, its snapshot still waits to be forgotten; forgotten: it was. */
    public static final List<String> STATES = List.of("ok", "failed", "forgotten");

    public DumpRecord {
        if (!STATES.contains(state)) {
            throw new IllegalArgumentException("dump state must be one of " + STATES + ", got " + state);
        }
    }

    /** True for a complete dump that can be restored. */
    public boolean ok() {
        return "ok".equals(state);
    }
}
