package org.claimback.doctor;

import java.nio.file.Path;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.claimback.exports.ExportEntry;
import org.claimback.exports.ExportsTable;

/**
 * {@code nfs-exports}: the export table ({@code /etc/exports}, {@code /etc/exports.d}) reads
 * cleanly and exports something. WARN with one problem (FILE:LINE: what; an error that stops
 * exportfs first, then an export to everyone, else the first) and how many more, or when nothing
 * is exported; OK lists the exported paths. Needs no config.
 */
final class ExportsTableCheck implements Check {
    static final String NAME = "nfs-exports";
    private static final int SHOWN = 6;

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public CheckResult run(DoctorContext ctx) {
        ExportsTable table = ctx.exports();
        if (!table.problems().isEmpty()) {
            String first = table.problems().stream().min(Comparator.comparingInt(ExportsTableCheck::rank)).orElseThrow();
            int more = table.problems().size() - 1;
            return CheckResult.warn(NAME, first + (more == 0 ? "" : " (and " + more + " more problem"
                    + (more == 1 ? "" : "s") + ")"));
        }
        if (table.entries().isEmpty()) {
            return CheckResult.warn(NAME, "nothing is exported in " + ctx.exportsFiles()
                    + ": claimback runs on the NFS server whose exports hold the PV directories");
        }
        Map<Path, ExportEntry> first = new LinkedHashMap<>();
        table.entries().forEach(e -> first.putIfAbsent(e.path(), e));
        List<String> shown = first.values().stream().limit(SHOWN)
                .map(e -> e.path() + (e.isPseudoRoot() ? " (NFSv4 pseudo-root)" : "")).toList();
        int rest = first.size() - shown.size();
        return CheckResult.ok(NAME, first.size() + " exported path" + (first.size() == 1 ? "" : "s") + ": "
                + shown.stream().collect(Collectors.joining(", ")) + (rest > 0 ? " and " + rest + " more" : ""));
    }

    /** The problem shown: one that stops exportfs first, then one exporting to everyone, else the first. */
    private static int rank(String problem) {
        return problem.contains(ExportsTable.STOPS_EXPORTFS) ? 0 : problem.contains(ExportsTable.TO_EVERYONE) ? 1 : 2;
    }
}
