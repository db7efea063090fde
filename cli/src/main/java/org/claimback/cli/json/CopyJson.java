package org.claimback.cli.json;

import java.time.Instant;
import java.util.List;
import org.claimback.offsite.CopyOutcome;

/**
 * {@code claimback copy --json}: one entry per copy that ran, in config order, and the exit code.
 * {@code repository} is redacted (no credentials); {@code newestSnapshot} is null while the copy
 * holds none of this host's snapshots.
 */
public record CopyJson(List<Copy> copies, int exitCode) {

    /** One copy's run. */
    public record Copy(String name, String repository, long runId, String state, String error, boolean created,
                       int copied, int alreadyThere, Instant newestSnapshot) {}

    public CopyJson {
        copies = List.copyOf(copies);
    }

    public static CopyJson of(List<CopyOutcome> outcomes, int exitCode) {
        return new CopyJson(outcomes.stream().map(o -> new Copy(o.copy(), o.repository(), o.runId(), o.state(), o.error(),
                o.created(), o.copied(), o.alreadyThere(), o.newest())).toList(), exitCode);
    }
}
