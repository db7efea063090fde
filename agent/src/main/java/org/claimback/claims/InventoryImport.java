package org.claimback.claims;

import java.time.Instant;
import java.util.List;
import org.claimback.catalog.Catalog;
import org.claimback.discovery.ExportRoot;
import org.claimback.inventory.Inventory;
import org.claimback.inventory.InventoryMatcher;
import org.claimback.inventory.MatchReport;
import org.claimback.inventory.PvMatch;

/**
 * Puts an inventory into the catalogue: every NFS PV with its claimRef, storage class, capacity,
 * access modes and reclaim policy, and the directory on this server it was matched to. PVs of other
 * servers and volume types are counted, not stored. The next sync maps volumes from it.
 */
public final class InventoryImport {
    private InventoryImport() {}

    /** How an import went: the matcher's report and the problems worth a warning. */
    public record Summary(MatchReport report, List<String> problems) {}

    public static Summary importInto(Catalog catalog, Inventory inventory, List<ExportRoot> roots, Instant now) {
        MatchReport report = new InventoryMatcher(roots.stream().map(ExportRoot::path).toList()).matchAll(inventory);
        catalog.inTransaction(() -> {
            for (PvMatch match : report.matches()) {
                if (match.outcome() != PvMatch.Outcome.SKIPPED) {
                    catalog.putInventoryPv(match.toRecord(inventory.source(), now));
                }
            }
            return null;
        });
        List<String> problems = report.with(PvMatch.Outcome.AMBIGUOUS).stream()
                .map(m -> "inventory " + inventory.source() + ": PV " + m.pv().pvName() + ": " + m.reason()).toList();
        return new Summary(report, problems);
    }
}
