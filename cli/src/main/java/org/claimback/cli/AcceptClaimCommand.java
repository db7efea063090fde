package org.claimback.cli;

import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import org.claimback.catalog.ClaimRecord;
import org.claimback.catalog.ShrinkRecord;
import org.claimback.cli.json.AcceptJson;
import org.claimback.cli.json.JsonOutput;
import org.claimback.engine.Engine;
import org.claimback.outcome.ExitCode;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code claimback accept CLAIM [--json]}: a person says a claim's shrink is meant. Its pending
 * shrinks are accepted and its suspicious snapshots become ordinary ones, so retention treats them
 * as any other and the next backup is measured against them.
 */
@Command(name = "accept", description = "Accept a claim's shrink (its volume became empty or far smaller) as meant.")
public final class AcceptClaimCommand implements Callable<Integer> {
    @ParentCommand
    ClaimbackCommand root;

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "CLAIM", description = "namespace/name, a claim key, or a PV name.")
    String claim;

    @Option(names = "--json", description = "Print JSON (shape in the README).")
    boolean json;

    @Override
    public Integer call() {
        try (Engine engine = Session.open(root)) {
            ClaimRecord record = engine.claimResolver().resolve(claim);
            List<ShrinkRecord> accepted = engine.catalog().acceptShrinks(record.id(), engine.clock().instant());
            PrintWriter out = spec.commandLine().getOut();
            if (json) {
                JsonOutput.write(out, new AcceptJson(record.claimKey(), record.namespace(), record.name(),
                        accepted.stream().map(AcceptJson.Accepted::of).toList()));
                return ExitCode.OK.code();
            }
            String label = record.namespace() == null ? record.claimKey() : record.namespace() + "/" + record.name();
            if (accepted.isEmpty()) {
                out.println(label + ": nothing to accept (no pending shrink)");
            } else {
                out.println(label + ": accepted " + accepted.size() + " shrink(s); its next backups are measured against"
                        + " the smaller volume:");
                for (ShrinkRecord s : accepted) {
                    out.println("  " + s.detectedAt() + "  " + s.reason());
                }
            }
            out.flush();
            return ExitCode.OK.code();
        }
    }
}
