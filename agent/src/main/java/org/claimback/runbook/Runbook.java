package org.claimback.runbook;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.claimback.catalog.Catalog;
import org.claimback.catalog.ClaimRecord;
import org.claimback.catalog.RunRecord;
import org.claimback.config.Config;
import org.claimback.restic.Restic;
import org.claimback.staticpv.StaticPvs;

/**
 * Writes the disaster-recovery runbook as Markdown: a header, the claims without any good backup
 * (a warning, first), how to rebuild the server, how to restore everything, and a page per claim,
 * grouped by namespace. Reads the catalogue only.
 */
public final class Runbook {
    private static final String UNKNOWN_NAMESPACE = "(namespace not known)";

    private final Config config;
    private final Catalog catalog;
    private final Clock clock;
    private final String resticVersion;

    /**
     * @param resticVersion what to print as the restic version, e.g. {@code 0.14.0}, or a reason it is unknown
     */
    public Runbook(Config config, Catalog catalog, Clock clock, String resticVersion) {
        this.config = config;
        this.catalog = catalog;
        this.clock = clock;
        this.resticVersion = resticVersion;
    }

    public String markdown() {
        Map<Long, RunRecord> drills = catalog.newestRunsOfKind("drill", null);
        Map<Long, RunRecord> goodDrills = catalog.newestRunsOfKind("drill", "ok");
        List<ClaimFacts> all = new ArrayList<>();
        for (ClaimRecord claim : catalog.claims()) {
            all.add(ClaimFacts.of(catalog, claim, drills, goodDrills));
        }
        all.sort(Comparator.comparing((ClaimFacts f) -> f.claim().resolved() ? f.claim().namespace() : "\uffff")
                .thenComparing(ClaimFacts::label));
        List<ClaimFacts> backedUp = all.stream().filter(f -> f.good() != null).toList();
        List<ClaimFacts> notBackedUp = all.stream().filter(f -> f.good() == null).toList();

        StringBuilder md = new StringBuilder();
        header(md, all.size(), backedUp.size());
        noBackup(notBackedUp, md);
        RebuildSection.rebuild(config, md);
        RebuildSection.restoreEverything(md);
        claims(backedUp, md);
        return md.toString();
    }

    private void header(StringBuilder md, int claims, int good) {
        md.append("# claimback disaster-recovery runbook\n\n");
        md.append("Written ").append(Texts.time(clock.instant())).append(" from the catalogue `").append(config.catalog())
                .append("`.\n\n");
        md.append("- Host (restic `--host`): `").append(config.host()).append("`\n");
        md.append("- Repository: `").append(Restic.redact(config.repository())).append("`\n");
        md.append("- Password file: `").append(config.passwordFile()).append("` (the password is not in this runbook)\n");
        md.append("- restic: ").append(resticVersion).append('\n');
        md.append("- Claims: ").append(claims).append(" (with a good backup: ").append(good).append(")\n\n");
        md.append("Keep this runbook OFF the NFS server, with the password. It is a snapshot of the catalogue: write it")
                .append(" again after changes (`claimback runbook --out FILE --force`).\n\n");
    }

    private static void noBackup(List<ClaimFacts> missing, StringBuilder md) {
        if (missing.isEmpty()) {
            return;
        }
        md.append("## WARNING: no backup\n\n");
        md.append("These claims have no good backup. Their data CANNOT be restored from this repository:\n\n");
        for (ClaimFacts f : missing) {
            md.append("- `").append(f.label()).append("`: ").append(f.whyNoBackup());
            if (f.current() != null) {
                md.append("; volume `").append(f.current().path()).append('`');
            }
            md.append('\n');
        }
        md.append('\n');
    }

    private void claims(List<ClaimFacts> backedUp, StringBuilder md) {
        md.append("## 3. Claims, by namespace\n\n");
        if (backedUp.isEmpty()) {
            md.append("No claim has a good backup yet.\n");
            return;
        }
        Map<String, List<ClaimFacts>> byNamespace = new LinkedHashMap<>();
        for (ClaimFacts f : backedUp) {
            String ns = f.claim().resolved() ? f.claim().namespace() : UNKNOWN_NAMESPACE;
            byNamespace.computeIfAbsent(ns, k -> new ArrayList<>()).add(f);
        }
        ClaimSection section = new ClaimSection(config, new StaticPvs(catalog, config, clock));
        for (Map.Entry<String, List<ClaimFacts>> e : byNamespace.entrySet()) {
            md.append("### Namespace ").append(e.getKey().equals(UNKNOWN_NAMESPACE) ? e.getKey() : "`" + e.getKey() + "`")
                    .append("\n\n");
            e.getValue().forEach(f -> section.write(f, md));
        }
    }
}
