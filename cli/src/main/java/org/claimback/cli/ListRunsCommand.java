package org.claimback.cli;

import java.io.PrintWriter;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.claimback.catalog.ClaimRecord;
import org.claimback.catalog.RunRecord;
import org.claimback.cli.json.JsonOutput;
import org.claimback.cli.json.RunJson;
import org.claimback.cli.json.RunsJson;
import org.claimback.cli.text.Table;
import org.claimback.engine.Engine;
import org.claimback.outcome.ExitCode;
import org.claimback.outcome.UserError;
import org.claimback.status.StatusReport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code claimback runs [CLAIM] [--kind KIND] [--limit N] [--json]}: the run history, newest first, from the catalogue. */
@Command(name = "runs", description = "List runs (backups, retention, checks, prunes, restores, drills) newest first, with states and reasons.")
public final class ListRunsCommand implements Callable<Integer> {
    @ParentCommand
    ClaimbackCommand root;

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", arity = "0..1", paramLabel = "CLAIM", description = "Only this claim's runs: namespace/name, a claim key, or a PV name.")
    String claim;

    @Option(names = "--kind", paramLabel = "KIND", description = "Only runs of this kind: ${COMPLETION-CANDIDATES}.",
            completionCandidates = Kinds.class)
    String kind;

    @Option(names = "--limit", paramLabel = "N", defaultValue = "50", description = "At most N runs (default: ${DEFAULT-VALUE}).")
    int limit;

    @Option(names = "--json", description = "Print JSON (shape in the README).")
    boolean json;

    /** The run kinds, for --kind. */
    static final class Kinds implements Iterable<String> {
        @Override
        public java.util.Iterator<String> iterator() {
            return RunRecord.KINDS.iterator();
        }
    }

    @Override
    public Integer call() {
        if (limit <= 0) {
            throw UserError.usage("--limit " + limit + ": give a positive number of runs, e.g. --limit 20");
        }
        if (kind != null && !RunRecord.KINDS.contains(kind)) {
            throw UserError.usage("--kind " + kind + ": unknown kind: use one of " + String.join(", ", RunRecord.KINDS));
        }
        try (Engine engine = Session.open(root)) {
            Long claimId = claim == null ? null : engine.claimResolver().resolve(claim).id();
            List<RunRecord> runs = kind == null ? engine.catalog().runs(claimId, limit)
                    : engine.catalog().runsOfKind(kind, claimId, limit);
            Map<Long, ClaimRecord> claims = engine.catalog().claims().stream()
                    .collect(Collectors.toMap(ClaimRecord::id, Function.identity()));
            List<RunJson> shapes = runs.stream().map(r -> RunJson.of(r,
                    r.claimId() == null || !claims.containsKey(r.claimId()) ? null : StatusReport.label(claims.get(r.claimId())))).toList();
            PrintWriter out = spec.commandLine().getOut();
            if (json) {
                JsonOutput.write(out, new RunsJson(shapes));
                return ExitCode.OK.code();
            }
            if (shapes.isEmpty()) {
                out.println("no runs" + (claim == null ? "" : " of " + claim) + (kind == null ? "" : " of kind " + kind) + " yet");
                out.flush();
                return ExitCode.OK.code();
            }
            Table table = new Table("ID", "STARTED", "KIND", "CLAIM", "STATE", "DURATION", "SNAPSHOT", "CONSISTENCY", "REASON");
            for (RunJson r : shapes) {
                table.row(r.id(), r.started().truncatedTo(ChronoUnit.SECONDS), r.kind(), r.claim() == null ? "-" : r.claim(), r.state(),
                        r.durationSeconds() == null ? "running" : duration(Duration.ofMillis((long) (r.durationSeconds() * 1000))),
                        r.snapshot() == null ? "-" : r.snapshot().substring(0, Math.min(8, r.snapshot().length())),
                        r.consistency() == null ? "-" : r.consistency(), r.reason() == null ? "" : r.reason());
            }
            table.print(out);
            return ExitCode.OK.code();
        }
    }

    /** 4s, 2m05s, 1h02m. */
    static String duration(Duration d) {
        long s = d.toSeconds();
        if (s < 60) {
            return s + "s";
        }
        if (s < 3600) {
            return String.format("%dm%02ds", s / 60, s % 60);
        }
        return String.format("%dh%02dm", s / 3600, (s % 3600) / 60);
    }
}
