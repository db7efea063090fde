package org.claimback.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.claimback.catalog.RunRecord;
import org.claimback.check.RepositoryCheck;
import org.claimback.cli.json.CheckJson;
import org.claimback.cli.json.JsonOutput;
import org.claimback.engine.Engine;
import org.claimback.outcome.ExitCode;
import org.claimback.outcome.UserError;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code claimback check [--read-data-subset n/N] [--json]}: restic check, recorded as a check run. */
@Command(name = "check", description = {"Check the repository (restic check). Without --read-data-subset the next subset of"
        + " the rotation (check.readDataSubsets) is read, so N checks read every pack once.",
    "Exit 1 when problems were found or the check could not run."})
public final class CheckRepositoryCommand implements Callable<Integer> {
    private static final Pattern SUBSET = Pattern.compile("(\\d+)/(\\d+)");

    @ParentCommand
    ClaimbackCommand root;

    @Spec
    CommandSpec spec;

    @Option(names = "--read-data-subset", paramLabel = "n/N", description = "Read the n-th of N parts of the pack files.")
    String subset;

    @Option(names = "--json", description = "Print JSON (shape in the README).")
    boolean json;

    @Override
    public Integer call() {
        if (subset != null) {
            Matcher m = SUBSET.matcher(subset);
            if (!m.matches() || Long.parseLong(m.group(1)) < 1 || Long.parseLong(m.group(1)) > Long.parseLong(m.group(2))) {
                throw UserError.usage("--read-data-subset " + subset + " is not n/N with 1 <= n <= N: write e.g. --read-data-subset 1/12");
            }
        }
        try (Engine engine = Session.open(root)) {
            engine.repositoryAccess().proveAccess();
            RepositoryCheck check = RepositoryCheck.of(engine);
            String chosen = subset != null ? subset : check.nextSubset();
            ExitCode outcome = check.run("cli", chosen);
            RunRecord run = engine.catalog().newestRepositoryRun("check").orElseThrow();
            PrintWriter out = spec.commandLine().getOut();
            if (json) {
                JsonOutput.write(out, CheckJson.of(run, chosen, outcome.code()));
            } else if (outcome == ExitCode.OK) {
                out.println("no errors were found" + (chosen == null ? "" : " (read data subset " + chosen + ")"));
            } else {
                PrintWriter err = spec.commandLine().getErr();
                err.println(run.error());
                if (run.detail() != null) {
                    run.detail().lines().forEach(line -> err.println("  " + line));
                }
                err.flush();
            }
            out.flush();
            return outcome.code();
        }
    }
}
