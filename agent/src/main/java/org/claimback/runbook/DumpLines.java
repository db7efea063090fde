package org.claimback.runbook;

import org.claimback.catalog.DumpRecord;
import org.claimback.dumprestore.DumpSnapshots;

/**
 * The runbook's lines for a claim's streamed database dumps: per dump name, the claimback command
 * that writes the newest complete one to a file, and the plain restic commands that do the same
 * (find it by its tags, {@code restic dump ID /NAME > FILE}). Load the file with the database's own
 * tool once the database runs again.
 */
final class DumpLines {
    private DumpLines() {}

    /** @param claimArg the claim as the claimback command line takes it */
    static void write(ClaimFacts facts, String claimArg, StringBuilder md) {
        if (facts.dumps().isEmpty()) {
            return;
        }
        md.append("Database dumps of this claim (files for the database's own loader, e.g. `psql -f FILE` or")
                .append(" `mariadb < FILE`, once the database runs again):\n\n");
        for (DumpRecord d : facts.dumps()) {
            md.append("- `").append(d.name()).append("`: ");
            if (!d.ok()) {
                md.append("NO complete dump: the newest, of ").append(Texts.time(d.time())).append(", ").append(d.state())
                        .append(d.error() == null ? "" : " (" + d.error() + ")").append(".\n");
                continue;
            }
            md.append("newest complete dump `").append(d.shortId()).append("` of ").append(Texts.time(d.time()));
            if (d.bytes() > 0) {
                md.append(", ").append(Texts.size(d.bytes()));
            }
            md.append(".\n");
        }
        md.append('\n');
        StringBuilder claimback = new StringBuilder();
        StringBuilder restic = new StringBuilder("# with RESTIC_REPOSITORY and RESTIC_PASSWORD_FILE exported as above\n");
        for (DumpRecord d : facts.dumps()) {
            String file = Shell.quote(d.name());
            if (d.ok()) {
                claimback.append("claimback restore ").append(claimArg).append(" --dump ").append(file).append(" --to ")
                        .append(file).append('\n');
            }
            restic.append("restic snapshots --host ").append(Shell.quote(d.host())).append(" --tag ")
                    .append(Shell.quote(DumpSnapshots.plainFilter(facts.claim(), d.name())))
                    .append("   # the dumps of ").append(d.name()).append(", newest last\n");
            if (d.ok()) {
                restic.append("restic dump ").append(d.resticId()).append(' ').append(Shell.quote("/" + d.name())).append(" > ")
                        .append(file).append("   # or the ID of another one listed above\n");
            } else {
                restic.append("restic dump ID ").append(Shell.quote("/" + d.name())).append(" > ").append(file)
                        .append("   # FILL IN the ID of a good one listed above\n");
            }
        }
        if (!claimback.isEmpty()) {
            md.append("With claimback (the newest complete dump; add `--snapshot ID` for another):\n\n```\n").append(claimback)
                    .append("```\n\n");
        }
        md.append("With plain restic:\n\n```bash\n").append(restic).append("```\n\n");
    }
}
