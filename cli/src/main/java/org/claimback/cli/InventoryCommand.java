package org.claimback.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code claimback inventory}: only lists its subcommands. */
@Command(name = "inventory", description = "PV inventories from the cluster.", subcommands = {ImportInventoryCommand.class})
public final class InventoryCommand implements Runnable {
    @ParentCommand
    ClaimbackCommand root;

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
