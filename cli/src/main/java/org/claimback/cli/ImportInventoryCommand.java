package org.claimback.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.claimback.claims.ClaimSync;
import org.claimback.claims.InventoryImport;
import org.claimback.claims.SyncResult;
import org.claimback.cli.json.InventoryImportJson;
import org.claimback.cli.json.JsonOutput;
import org.claimback.engine.Engine;
import org.claimback.inventory.InventoryException;
import org.claimback.inventory.InventoryReader;
import org.claimback.outcome.ExitCode;
import org.claimback.outcome.UserError;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code claimback inventory import FILE [--json]}: learn claims from {@code kubectl get pv,pvc -A -o json}. */
@Command(name = "import", description = "Learn which claim each volume belongs to from `kubectl get pv,pvc -A -o json` output.")
public final class ImportInventoryCommand implements Callable<Integer> {
    @ParentCommand
    InventoryCommand inventory;

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "FILE", description = "Output of kubectl get pv -o json (or pv,pvc -A).")
    Path file;

    @Option(names = "--json", description = "Print JSON (shape in the README).")
    boolean json;

    @Override
    public Integer call() {
        try (Engine engine = Session.open(inventory.root)) {
            InventoryImport.Summary summary;
            try {
                summary = InventoryImport.importInto(engine.catalog(), InventoryReader.read(file),
                        ClaimSync.roots(engine.config()), engine.clock().instant());
            } catch (InventoryException e) {
                throw UserError.usage(e.getMessage());
            }
            SyncResult sync = engine.claimSync().sync();
            InventoryImportJson shape = InventoryImportJson.of(file, summary, sync);
            PrintWriter out = spec.commandLine().getOut();
            if (json) {
                JsonOutput.write(out, shape);
            } else {
                out.println("imported " + file + ": " + summary.report().summary());
                shape.unmatched().forEach(u -> out.println("  not on this server: " + u.pv() + ": " + u.reason()));
                shape.problems().forEach(p -> out.println("warning: " + p));
                out.println("run `claimback claims` to see the mapping");
                out.flush();
            }
            return ExitCode.OK.code();
        }
    }
}
