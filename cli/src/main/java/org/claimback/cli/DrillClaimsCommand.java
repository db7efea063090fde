package org.claimback.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.claimback.catalog.ClaimRecord;
import org.claimback.claims.ClaimRef;
import org.claimback.cli.json.DrillRunJson;
import org.claimback.cli.json.JsonOutput;
import org.claimback.cli.text.Sizes;
import org.claimback.cli.text.Table;
import org.claimback.drill.DrillEngine;
import org.claimback.drill.DrillResult;
import org.claimback.engine.Engine;
import org.claimback.outcome.ExitCode;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code claimback drill (CLAIM... | --all) [--json]}: restore into scratch, verify, record the RTO, clean up. */
@Command(name = "drill", description = "Rehearse restores: restore each claim's newest complete backup into a scratch"
        + " directory (drill.scratch), verify it entry by entry, record the restore time (RTO), remove the copy.")
public final class DrillClaimsCommand implements Callable<Integer> {
    @ParentCommand
    ClaimbackCommand root;

    @Spec
    CommandSpec spec;

    @ArgGroup(multiplicity = "1")
    Selection selection;

    static final class Selection {
        @Parameters(paramLabel = "CLAIM", arity = "1..*", description = "namespace/name, a claim key, or a PV name;"
            + " CLAIM@HOST for the snapshots of one host (servers sharing a repository).")
        List<String> claims;

        @Option(names = "--all", required = true, description = "Every claim in the catalogue, one after another.")
        boolean all;
    }

    @Option(names = "--json", description = "Print JSON (shape in the README).")
    boolean json;

    /** The host each claim named as CLAIM@HOST was qualified with (absent: any host). */
    private final Map<Long, String> hosts = new java.util.HashMap<>();

    @Override
    public Integer call() {
        try (Engine engine = Session.open(root)) {
            engine.claimSync().sync();
            List<ClaimRecord> claims = chosenClaims(engine);
            engine.repositoryAccess().proveAccess(); // a wrong password stops here, before any run is recorded
            DrillEngine drills = DrillEngine.of(engine);
            List<DrillResult> results = new ArrayList<>();
            for (ClaimRecord claim : claims) {
                DrillResult result = drills.drill(claim, hosts.get(claim.id()), "cli");
                results.add(result);
                if (!json) {
                    progress(result);
                }
            }
            ExitCode worst = results.stream().map(DrillResult::reportedExitCode).reduce(ExitCode.OK, ExitCode::worst);
            print(results, worst);
            return worst.code();
        }
    }

    private List<ClaimRecord> chosenClaims(Engine engine) {
        if (selection.all) {
            return engine.catalog().claims().stream().sorted(Comparator.comparing(ClaimRecord::claimKey)).toList();
        }
        Map<Long, ClaimRecord> claims = new LinkedHashMap<>();
        for (String argument : selection.claims) {
            ClaimRef ref = ClaimRef.parse(argument);
            ClaimRecord claim = engine.claimResolver().resolve(ref);
            claims.put(claim.id(), claim);
            hosts.put(claim.id(), ref.host());
        }
        return new ArrayList<>(claims.values());
    }

    private void progress(DrillResult r) {
        PrintWriter err = spec.commandLine().getErr();
        if (r.ok()) {
            err.println("drill " + r.claim().claimKey() + ": ok, snapshot " + r.snapshot().shortId() + ", " + r.files() + " files, "
                    + Sizes.human(r.bytes()) + ", restored in " + seconds(r) + " s and verified");
        } else {
            err.println("drill " + r.claim().claimKey() + ": " + r.state().toUpperCase(Locale.ROOT) + ": " + r.reason());
        }
        if (r.scratchLeft() != null) {
            err.println("drill " + r.claim().claimKey() + ": the scratch copy " + r.scratchLeft() + " could not be removed: remove it by hand");
        }
        err.flush();
    }

    private void print(List<DrillResult> results, ExitCode worst) {
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            JsonOutput.write(out, new DrillRunJson(results.stream().map(DrillRunJson.Result::of).toList(), worst.code()));
            return;
        }
        if (results.isEmpty()) {
            out.println("no claims in the catalogue: nothing to drill");
            out.flush();
            return;
        }
        Table table = new Table("CLAIM", "SNAPSHOT", "FILES", "SIZE", "RTO", "RESULT");
        for (DrillResult r : results) {
            table.row(r.claim().claimKey(), r.snapshot() == null ? null : r.snapshot().shortId(), r.files(),
                    r.bytes() == null ? null : Sizes.human(r.bytes()), r.rto() == null ? null : seconds(r) + " s", r.state());
        }
        table.print(out);
    }

    private static String seconds(DrillResult r) {
        return String.format(Locale.ROOT, "%.1f", r.rto().toMillis() / 1000.0);
    }
}
