package org.claimback.dumprestore;

import java.util.List;
import java.util.Locale;
import java.util.TreeSet;
import org.claimback.catalog.Catalog;
import org.claimback.catalog.ClaimRecord;
import org.claimback.catalog.DumpRecord;
import org.claimback.outcome.UserError;

/**
 * Which dump a restore writes: the newest complete ({@code ok}) dump of that name of that claim,
 * or the one named by its snapshot id. A failed or forgotten dump is never chosen by itself, and
 * refused when named. Every refusal says what the claim has instead.
 */
public final class DumpChoice {
    private DumpChoice() {}

    /**
     * @param snapshotId a full or short restic id of one of the claim's dumps, or null for the newest complete one
     * @throws UserError exit 2 for an unknown name or snapshot, a snapshot of another dump or a failed one;
     *     exit 1 when the name has no complete dump
     */
    public static DumpRecord choose(Catalog catalog, ClaimRecord claim, String name, String snapshotId) {
        List<DumpRecord> dumps = catalog.dumpsOf(claim.id());
        String label = label(claim);
        List<String> names = List.copyOf(new TreeSet<>(dumps.stream().map(DumpRecord::name).toList()));
        if (!names.contains(name)) {
            throw UserError.usage(label + " has no dump " + name + (names.isEmpty()
                    ? ": it has no dumps at all (configure `dumps:` for it, or check the claim)"
                    : ": its dumps are " + String.join(", ", names) + "; give one of them to --dump"));
        }
        if (snapshotId != null) {
            return named(dumps, label, name, snapshotId);
        }
        return dumps.stream().filter(d -> d.name().equals(name) && d.ok() && d.resticId() != null).findFirst()
                .orElseThrow(() -> UserError.failed("no complete dump " + name + " of " + label + ": "
                        + newestProblem(dumps, name) + "; see `claimback backups " + claim.claimKey() + "`"));
    }

    private static DumpRecord named(List<DumpRecord> dumps, String label, String name, String snapshotId) {
        String prefix = snapshotId.trim().toLowerCase(Locale.ROOT);
        List<DumpRecord> matches = dumps.stream()
                .filter(d -> d.resticId() != null && !prefix.isEmpty()
                        && (d.resticId().startsWith(prefix) || prefix.startsWith(d.resticId())))
                .toList();
        if (matches.isEmpty()) {
            throw UserError.usage("snapshot " + snapshotId + " is not a dump of " + label
                    + ": list its dumps with `claimback backups` and give one of their ids to --snapshot");
        }
        if (matches.size() > 1) {
            throw UserError.usage("snapshot id " + snapshotId + " matches " + matches.size() + " dumps of " + label
                    + ": give more of the id");
        }
        DumpRecord d = matches.get(0);
        if (!d.name().equals(name)) {
            throw UserError.usage("snapshot " + d.shortId() + " is dump " + d.name() + " of " + label + ", not " + name
                    + ": pass --dump " + d.name() + " or another --snapshot");
        }
        if (!d.ok()) {
            throw UserError.usage("dump " + name + " snapshot " + d.shortId() + " of " + label + " is " + d.state()
                    + (d.error() == null ? "" : " (" + d.error() + ")") + ": it cannot be restored; choose a complete one");
        }
        return d;
    }

    private static String newestProblem(List<DumpRecord> dumps, String name) {
        return dumps.stream().filter(d -> d.name().equals(name)).findFirst()
                .map(d -> "the newest, of " + d.time() + ", is " + d.state() + (d.error() == null ? "" : " (" + d.error() + ")"))
                .orElse("there is none");
    }

    static String label(ClaimRecord claim) {
        return claim.resolved() ? claim.namespace() + "/" + claim.name() : claim.claimKey();
    }
}
