package org.claimback.cli.json;

import java.util.List;
import org.claimback.catalog.RunRecord;

/** {@code claimback prune --json}: the {@code prune} run and restic's closing figures ("total prune: ..."). */
public record PruneJson(long runId, String state, String error, List<String> figures, int exitCode) {

    public static PruneJson of(RunRecord run, int exitCode) {
        return new PruneJson(run.id(), run.state(), run.error(),
                run.detail() == null ? List.of() : run.detail().lines().toList(), exitCode);
    }
}
