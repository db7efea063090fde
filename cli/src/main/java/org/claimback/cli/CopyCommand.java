package org.claimback.cli;

import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import org.claimback.cli.json.CopyJson;
import org.claimback.cli.json.JsonOutput;
import org.claimback.engine.Engine;
import org.claimback.offsite.CopyOutcome;
import org.claimback.offsite.OffsiteCopies;
import org.claimback.outcome.ExitCode;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code claimback copy [--to NAME] [--json]}: copies this host's new snapshots to the offsite copies now. */
@Command(name = "copy", description = "Copy new snapshots from the repository to the offsite copies (copies: in the"
        + " config) now, with restic copy; a missing copy repository is created with the repository's chunker parameters.")
public final class CopyCommand implements Callable<Integer> {
    @ParentCommand
    ClaimbackCommand root;

    @Spec
    CommandSpec spec;

    @Option(names = "--to", paramLabel = "NAME", description = "Only this copy (copies[].name); default: every copy, one after the other.")
    String to;

    @Option(names = "--json", description = "Print JSON (shape in the README).")
    boolean json;

    @Override
    public Integer call() {
        try (Engine engine = Session.open(root)) {
            List<CopyOutcome> outcomes = new OffsiteCopies(engine).run(to, "cli");
            ExitCode code = outcomes.stream().allMatch(CopyOutcome::ok) ? ExitCode.OK : ExitCode.FAILED;
            PrintWriter out = spec.commandLine().getOut();
            if (json) {
                JsonOutput.write(out, CopyJson.of(outcomes, code.code()));
                return code.code();
            }
            PrintWriter err = spec.commandLine().getErr();
            for (CopyOutcome o : outcomes) {
                if (o.ok()) {
                    out.println(o.copy() + " (" + o.repository() + "): " + (o.created() ? "created, " : "") + "copied "
                            + o.copied() + ", already there " + o.alreadyThere() + ", newest copied snapshot "
                            + (o.newest() == null ? "none" : o.newest().toString()));
                } else {
                    err.println(o.error());
                }
            }
            out.flush();
            err.flush();
            return code.code();
        }
    }
}
