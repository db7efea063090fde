package org.claimback.runbook;

import java.nio.charset.StandardCharsets;
import java.util.UUID;
import org.claimback.catalog.RunRecord;
import org.claimback.catalog.SnapshotRecord;
import org.claimback.config.Config;
import org.claimback.outcome.UserError;
import org.claimback.staticpv.NewPv;
import org.claimback.staticpv.StaticPvs;

/** The runbook's page for one claim with a good snapshot. */
final class ClaimSection {
    private final Config config;
    private final StaticPvs staticPvs;

    ClaimSection(Config config, StaticPvs staticPvs) {
        this.config = config;
        this.staticPvs = staticPvs;
    }

    void write(ClaimFacts facts, StringBuilder md) {
        SnapshotRecord s = facts.good();
        md.append("#### `").append(facts.label()).append("`\n\n");
        md.append("- Latest good backup: snapshot `").append(s.shortId()).append("` of ").append(Texts.time(s.time()));
        if (s.totalsKnown()) {
            md.append(", ").append(s.filesTotal()).append(" files, ").append(Texts.size(s.bytesTotal()));
        } else {
            md.append(", size not recorded");
        }
        md.append(", from `").append(s.sourcePath()).append("`.\n");
        md.append("- restic id: `").append(s.resticId()).append("`, host `").append(s.host()).append("`.\n");
        md.append("- ").append(drills(facts)).append("\n");
        if (facts.current() != null) {
            md.append("- Current volume: `").append(facts.current().path()).append("` (").append(facts.current().state())
                    .append(").\n");
        }
        md.append('\n');

        String claimArg = facts.claim().resolved() ? facts.label() : facts.claim().claimKey();
        md.append("With claimback, into a fresh PV directory, writing its static PV manifest (claimback takes the newest")
                .append(" good backup; add `--snapshot ").append(s.shortId()).append("` for this one):\n\n```\n");
        md.append("claimback restore ").append(claimArg).append(" --to-new-pv --manifest pv-")
                .append(facts.claim().claimKey()).append(".yaml\n```\n\n");

        String target = facts.current() != null ? facts.current().path() : PlainRestic.NO_TARGET;
        md.append("With plain restic, no claimback needed (as root). TARGET is ")
                .append(facts.current() != null ? "the claim's current volume directory" : "not known: fill it in")
                .append(". It must be empty or absent: restic overwrites files of the same name.\n\n");
        md.append("```bash\n").append(PlainRestic.lines(config, facts.claim(), s, target)).append("```\n\n");
        DumpLines.write(facts, claimArg, md);

        staticPv(facts, md);
    }

    private static String drills(ClaimFacts facts) {
        RunRecord last = facts.lastDrill();
        if (last == null) {
            return "Never drilled.";
        }
        StringBuilder text = new StringBuilder("Last drill: ").append(Texts.time(last.startedAt())).append(", ")
                .append(last.state());
        if (last.duration() != null) {
            text.append(" in ").append(Texts.duration(last.duration()));
        }
        if (last.error() != null) {
            text.append(" (").append(last.error()).append(')');
        }
        text.append('.');
        RunRecord good = facts.lastGoodDrill();
        if (good == null) {
            text.append(" No drill of this claim ever succeeded.");
        } else if (good.id() != last.id()) {
            text.append(" Last successful drill: ").append(Texts.time(good.startedAt())).append('.');
        }
        return text.toString();
    }

    private void staticPv(ClaimFacts facts, StringBuilder md) {
        NewPv pv;
        try {
            pv = staticPvs.plan(facts.claim(), null, null, repeatableUid(facts));
        } catch (UserError e) {
            md.append("No static PV: ").append(e.getMessage()).append("\n\n");
            return;
        }
        md.append("Static PV for a rebuilt cluster: PLANNED, nothing is made. The PV name and directory below are an example")
                .append(" that stays the same in every runbook; `--to-new-pv` picks a fresh name and writes the real manifest.")
                .append(" To use this one by hand: set TARGET to `").append(pv.directory())
                .append("` above, restore, then apply this before the claim.\n\n");
        md.append("```yaml\n").append(StaticPvs.manifest(pv)).append("```\n\n");
    }

    /** The same PV uid in every runbook for this claim, so runbooks can be compared. */
    private static UUID repeatableUid(ClaimFacts facts) {
        String seed = "claimback runbook " + facts.claim().namespace() + "/" + facts.claim().name();
        return UUID.nameUUIDFromBytes(seed.getBytes(StandardCharsets.UTF_8));
    }
}
