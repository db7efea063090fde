package org.claimback.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.claimback.catalog.ClaimRecord;
import org.claimback.cli.json.JsonOutput;
import org.claimback.cli.json.RestoreJson;
import org.claimback.cli.text.Sizes;
import org.claimback.engine.Engine;
import org.claimback.outcome.ExitCode;
import org.claimback.restore.RestoredClaim;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code claimback restore CLAIM --into DIR [--snapshot ID] [--force] [--json]}. */
@Command(name = "restore", description = "Restore a claim's newest complete backup (or --snapshot ID) into a directory.")
public final class RestoreClaimCommand implements Callable<Integer> {
    @ParentCommand
    ClaimbackCommand root;

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "CLAIM", description = "namespace/name, a claim key, or a PV name.")
    String claim;

    @Option(names = "--into", required = true, paramLabel = "DIR",
            description = "Target directory, e.g. the rebuilt cluster's new PV directory. Must be empty unless --force.")
    Path into;

    @Option(names = "--snapshot", paramLabel = "ID", description = "Restore this snapshot (full or short id) of the claim.")
    String snapshot;

    @Option(names = "--force", description = "If DIR is not empty, move its content into DIR.claimback-aside-<time> first (nothing is deleted).")
    boolean force;

    @Option(names = "--json", description = "Print JSON (shape in the README).")
    boolean json;

    @Override
    public Integer call() {
        try (Engine engine = Session.open(root)) {
            engine.claimSync().sync();
            ClaimRecord record = engine.claimResolver().resolve(claim);
            engine.repositoryAccess().readyForRestore();
            RestoredClaim result = engine.restoreEngine().restore(record, snapshot, into, force, "cli");
            PrintWriter out = spec.commandLine().getOut();
            if (json) {
                JsonOutput.write(out, RestoreJson.of(result));
            } else {
                if (result.movedAside() != null) {
                    out.println("moved the previous content of " + result.target() + " to " + result.movedAside());
                }
                out.println("restored " + record.claimKey() + " snapshot " + result.snapshot().shortId() + " ("
                        + result.snapshot().time() + ") into " + result.target() + ": " + result.restored().files()
                        + " files, " + Sizes.human(result.restored().bytes()) + ", checked against the snapshot");
                out.flush();
            }
            return ExitCode.OK.code();
        }
    }
}
