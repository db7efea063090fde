package org.claimback.cli.json;

import java.nio.file.Path;
import java.util.List;
import org.claimback.claims.InventoryImport;
import org.claimback.claims.SyncResult;
import org.claimback.inventory.PvMatch;

/**
 * {@code claimback inventory import FILE --json}: how many PVs the file held, how many were matched
 * to directories on this server, which were not and why, and problems (e.g. a manual mapping that
 * disagrees with the inventory).
 */
public record InventoryImportJson(String file, int pvs, int matched, int skipped, List<Unmatched> unmatched,
        List<String> problems) {

    public record Unmatched(String pv, String reason) {}

    public static InventoryImportJson of(Path file, InventoryImport.Summary summary, SyncResult sync) {
        var report = summary.report();
        List<Unmatched> unmatched = report.unmatched().stream().map(m -> new Unmatched(m.pv().pvName(), m.reason())).toList();
        List<String> problems = new java.util.ArrayList<>(summary.problems());
        problems.addAll(sync.problems());
        return new InventoryImportJson(file.toString(), report.matches().size(), report.with(PvMatch.Outcome.MATCHED).size(),
                report.with(PvMatch.Outcome.SKIPPED).size(), unmatched, problems);
    }
}
