package org.claimback.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import org.claimback.catalog.RunRecord;
import org.claimback.cli.json.JsonOutput;
import org.claimback.cli.json.PruneJson;
import org.claimback.engine.Engine;
import org.claimback.outcome.ExitCode;
import org.claimback.retention.Prune;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code claimback prune [--json]}: restic prune of the whole repository. */
@Command(name = "prune", description = "Free the space of forgotten snapshots (restic prune). Exclusive: backups wait while it runs.")
public final class PruneRepositoryCommand implements Callable<Integer> {
    @ParentCommand
    ClaimbackCommand root;

    @Spec
    CommandSpec spec;

    @Option(names = "--json", description = "Print JSON (shape in the README).")
    boolean json;

    @Override
    public Integer call() {
        try (Engine engine = Session.open(root)) {
            engine.repositoryAccess().proveAccess();
            ExitCode outcome = Prune.of(engine).run("cli");
            RunRecord run = engine.catalog().newestRepositoryRun("prune").orElseThrow();
            PrintWriter out = spec.commandLine().getOut();
            if (json) {
                JsonOutput.write(out, PruneJson.of(run, outcome.code()));
            } else if (outcome == ExitCode.OK) {
                out.println("pruned the repository" + (run.detail() == null ? "" : ": " + String.join("; ", run.detail().lines().toList())));
            } else {
                spec.commandLine().getErr().println(run.error());
                spec.commandLine().getErr().flush();
            }
            out.flush();
            return outcome.code();
        }
    }
}
