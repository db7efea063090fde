package org.claimback.cli;

import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/** {@code claimback}: only lists its subcommands; the global options are inherited by every one. */
@Command(name = "claimback", mixinStandardHelpOptions = true, scope = ScopeType.INHERIT, version = "claimback 0.1.0",
        description = "Back up and restore Kubernetes NFS volumes per claim, from the NFS server.",
        subcommands = {ListClaimsCommand.class, BackupClaimsCommand.class, ListBackupsCommand.class, RestoreClaimCommand.class,
            InventoryCommand.class, DoctorCommand.class, CatalogCommand.class, RunbookCommand.class,
            DrillClaimsCommand.class, AcceptClaimCommand.class, ListRunsCommand.class, ShowStatusCommand.class,
            ApplyRetentionCommand.class, PruneRepositoryCommand.class, CheckRepositoryCommand.class,
            CopyCommand.class},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:ok", "1:failed (restic failed, a suspicious shrink, a restore incomplete or skipped, a drill failed, lock held)",
            "2:bad usage, config, catalogue or setup (wrong password, missing repository, restic missing)",
            "3:partial (restic saved a snapshot but could not read some files)"})
public final class ClaimbackCommand implements Runnable {
    @Option(names = "--config", paramLabel = "FILE", scope = ScopeType.INHERIT,
            description = "Config file (default: $CLAIMBACK_CONFIG or /etc/claimback/config.yaml).")
    Path configFile;

    @Option(names = "--debug", scope = ScopeType.INHERIT, description = "Show debug logs and stack traces.")
    boolean debug;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
