package org.claimback.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import org.claimback.catalogcopy.CatalogBackup;
import org.claimback.catalogcopy.CatalogCopy;
import org.claimback.cli.json.CatalogBackupJson;
import org.claimback.cli.json.JsonOutput;
import org.claimback.cli.text.Sizes;
import org.claimback.engine.Engine;
import org.claimback.outcome.ExitCode;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code claimback catalog backup [--json]}: stores a copy of the catalogue in the repository now. */
@Command(name = "backup", description = {"Store a consistent copy of the catalogue in the repository (tag claimback-catalog).",
    "The agent does this after every scheduled backup; `claimback catalog rebuild` reads the newest copy."})
public final class BackupCatalogCommand implements Callable<Integer> {
    @ParentCommand
    CatalogCommand catalog;

    @Spec
    CommandSpec spec;

    @Option(names = "--json", description = "Print JSON (shape in the README).")
    boolean json;

    @Override
    public Integer call() {
        try (Engine engine = Session.open(catalog.root)) {
            CatalogCopy copy = CatalogBackup.of(engine).run("cli");
            PrintWriter out = spec.commandLine().getOut();
            if (json) {
                JsonOutput.write(out, CatalogBackupJson.of(copy));
            } else {
                out.println("copied the catalogue " + engine.catalog().file() + " (" + Sizes.human(copy.bytes()) + ", schema "
                        + copy.schemaVersion() + ") into the repository: snapshot " + copy.shortId());
                out.flush();
            }
            return ExitCode.OK.code();
        }
    }
}
