package org.claimback.cli.restore;

import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import org.claimback.catalog.SnapshotRecord;
import org.claimback.cli.text.Sizes;
import org.claimback.cli.text.Table;
import org.claimback.outcome.Failures;
import org.claimback.restore.PlannedRestore;
import org.claimback.restore.RestoreOutcome;

/** The plan and results of {@code claimback restore} as text tables for people. */
public final class RestoreReport {
    private RestoreReport() {}

    public static void plan(PrintWriter out, List<PlannedRestore> plan, List<String> notBackedUp) {
        Table table = new Table("CLAIM", "SNAPSHOT", "TARGET", "SIZE", "ACTION");
        for (PlannedRestore p : plan) {
            table.row(p.claim().claimKey(), snapshot(p.snapshot()), p.target() == null ? null : p.target().directory(),
                    p.snapshot() == null ? null : p.snapshot().totalsKnown() ? Sizes.human(p.snapshot().bytesTotal()) : "?",
                    p.skipped() ? "skip: " + Failures.message(p.skip()) : "restore: " + p.target().reason());
        }
        table.print(out);
        long restoring = plan.stream().filter(p -> !p.skipped()).count();
        long bytes = plan.stream().mapToLong(PlannedRestore::bytes).sum();
        out.println(restoring + " of " + plan.size() + " claims to restore, " + Sizes.human(bytes)
                + (restoring < plan.size() ? "; " + (plan.size() - restoring) + " skipped (they count as failed)" : ""));
        if (!notBackedUp.isEmpty()) {
            out.println(notBackedUp.size() + " claims have no backup at all and cannot be restored: "
                    + String.join(", ", notBackedUp));
        }
        out.flush();
    }

    public static void results(PrintWriter out, PrintWriter err, List<RestoreOutcome> outcomes) {
        Table table = new Table("CLAIM", "SNAPSHOT", "TARGET", "FILES", "SIZE", "SECONDS", "RESULT");
        for (RestoreOutcome o : outcomes) {
            var r = o.result();
            table.row(o.planned().claim().claimKey(), o.planned().snapshot() == null ? null : o.planned().snapshot().shortId(),
                    o.planned().target() == null ? null : o.planned().target().directory(),
                    r == null ? null : r.restored().files(), r == null ? null : Sizes.human(r.restored().bytes()),
                    o.planned().skipped() ? null : String.format(Locale.ROOT, "%.1f", o.duration().toMillis() / 1000.0),
                    o.state());
        }
        table.print(out);
        for (RestoreOutcome o : outcomes) {
            if (o.error() != null) {
                err.println(o.planned().claim().claimKey() + ": " + o.state() + ": " + o.error());
            }
        }
        err.flush();
    }

    /** {@code 1a2b3c4d (2026-11-20T10:00:00Z)} */
    public static String snapshot(SnapshotRecord s) {
        return s == null ? null : s.shortId() + " (" + s.time().truncatedTo(java.time.temporal.ChronoUnit.SECONDS) + ")";
    }
}
