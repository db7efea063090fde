package org.claimback.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.claimback.catalog.ClaimRecord;
import org.claimback.cli.json.JsonOutput;
import org.claimback.cli.json.RetentionJson;
import org.claimback.engine.Engine;
import org.claimback.outcome.ExitCode;
import org.claimback.retention.ClaimPlan;
import org.claimback.retention.Decision;
import org.claimback.retention.Retention;
import org.claimback.retention.RetentionOutcome;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code claimback retention (CLAIM... | --all) [--dry-run] [--json]}: restic forget per claim, vetted by the rules. */
@Command(name = "retention", description = {"Forget old snapshots by each claim's retention policy (restic forget, limited to"
        + " the claim's tags and this host), never the last good one nor any from before an unaccepted shrink.",
    "--all also thins the catalogue copies. Frees no space by itself: see `claimback prune`."})
public final class ApplyRetentionCommand implements Callable<Integer> {
    @ParentCommand
    ClaimbackCommand root;

    @Spec
    CommandSpec spec;

    @ArgGroup(multiplicity = "1")
    Selection selection;

    static final class Selection {
        @Parameters(paramLabel = "CLAIM", arity = "1..*", description = "namespace/name, a claim key, or a PV name.")
        List<String> claims;

        @Option(names = "--all", required = true, description = "Every claim with snapshots, and the catalogue copies.")
        boolean all;
    }

    @Option(names = "--dry-run", description = "Print each snapshot's keep/remove decision and reason; change nothing.")
    boolean dryRun;

    @Option(names = "--json", description = "Print JSON (shape in the README).")
    boolean json;

    @Override
    public Integer call() {
        try (Engine engine = Session.open(root)) {
            Retention retention = Retention.of(engine);
            List<ClaimRecord> claims = selection.all ? retention.withSnapshots() : chosen(engine);
            engine.repositoryAccess().proveAccess();
            if (dryRun) {
                List<ClaimPlan> plans = new ArrayList<>();
                for (ClaimRecord claim : claims) {
                    plans.add(retention.plan(claim));
                }
                if (selection.all) {
                    plans.add(retention.planCatalogCopies());
                }
                printPlans(plans);
                return ExitCode.OK.code();
            }
            List<RetentionOutcome> outcomes = selection.all ? retention.runAllOutcomes("cli") : retention.applyAll(claims, "cli");
            ExitCode worst = outcomes.size() < claims.size() ? ExitCode.FAILED : Retention.worst(outcomes);
            printOutcomes(outcomes, worst);
            return worst.code();
        }
    }

    private List<ClaimRecord> chosen(Engine engine) {
        Map<Long, ClaimRecord> claims = new LinkedHashMap<>();
        for (String argument : selection.claims) {
            ClaimRecord claim = engine.claimResolver().resolve(argument);
            claims.put(claim.id(), claim);
        }
        return new ArrayList<>(claims.values());
    }

    private void printPlans(List<ClaimPlan> plans) {
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            JsonOutput.write(out, new RetentionJson(true, plans.stream().map(RetentionJson.Claim::planned).toList(), 0));
            return;
        }
        for (ClaimPlan plan : plans) {
            out.println(title(plan.claim()) + " (" + plan.policy().describe() + "), dry run: " + plan.removals().size()
                    + " of " + plan.decisions().size() + " snapshots would be forgotten");
            plan.decisions().forEach(d -> out.println("  " + line(d)));
        }
        if (plans.isEmpty()) {
            out.println("no claims with snapshots: nothing to do");
        }
        out.flush();
    }

    private void printOutcomes(List<RetentionOutcome> outcomes, ExitCode worst) {
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            JsonOutput.write(out, new RetentionJson(false, outcomes.stream().map(RetentionJson.Claim::of).toList(), worst.code()));
            return;
        }
        for (RetentionOutcome o : outcomes) {
            String title = title(o.claim()) + (o.dump() == null ? "" : " dump " + o.dump())
                    + (o.copy() == null ? "" : " in copy " + o.copy());
            if (!o.ok()) {
                out.println(title + ": FAILED: " + o.error());
                continue;
            }
            out.println(title + " (" + o.plan().policy().describe() + "): " + o.plan().removals().size()
                    + " of " + o.plan().decisions().size() + " snapshots forgotten");
            o.plan().decisions().forEach(d -> out.println("  " + line(d)));
        }
        if (outcomes.isEmpty()) {
            out.println("no claims with snapshots: nothing to do");
        }
        out.flush();
    }

    private static String title(ClaimRecord claim) {
        return claim == null ? "catalogue copies" : Retention.nameOf(claim);
    }

    private static String line(Decision d) {
        return d.line();
    }
}
