package org.claimback.cli.json;

import java.time.Instant;
import org.claimback.catalog.DumpRecord;

/**
 * One streamed dump of a claim (a restic snapshot of a producer's standard output, holding the
 * file {@code /name}). {@code id} is what restic reported (the full id, or the short id on restic
 * 0.14), null when restic saved nothing; {@code bytes} is what the producer wrote (0: not known,
 * rebuilt from a repository whose restic kept no summary); {@code state} is {@code ok},
 * {@code failed} (the producer failed: never restored) or {@code forgotten} (a failed dump whose
 * snapshot was removed); {@code runId} is the backup run that took it, null when rebuilt from the
 * repository; {@code error} says why it failed, else null.
 */
public record DumpJson(
        String name,
        String id,
        String shortId,
        Instant time,
        String host,
        long bytes,
        String state,
        Long runId,
        String error) {

    public static DumpJson of(DumpRecord d) {
        return new DumpJson(d.name(), d.resticId(), d.shortId(), d.time(), d.host(), d.bytes(), d.state(), d.runId(), d.error());
    }
}
