package org.claimback.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code claimback catalog}: only lists its subcommands. */
@Command(name = "catalog", description = "The catalogue: copy it into the repository, rebuild it from the repository.",
        subcommands = {BackupCatalogCommand.class, RebuildCatalogCommand.class})
public final class CatalogCommand implements Runnable {
    @ParentCommand
    ClaimbackCommand root;

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
