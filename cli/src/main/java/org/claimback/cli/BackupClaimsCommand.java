package org.claimback.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.claimback.backup.BackupListener;
import org.claimback.backup.VolumeBackup;
import org.claimback.catalog.ClaimRecord;
import org.claimback.catalog.VolumeRecord;
import org.claimback.cli.json.BackupRunJson;
import org.claimback.cli.json.JsonOutput;
import org.claimback.cli.text.Sizes;
import org.claimback.cli.text.Table;
import org.claimback.engine.Engine;
import org.claimback.outcome.ExitCode;
import org.claimback.outcome.UserError;
import org.claimback.schedule.BackupAll;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code claimback backup (CLAIM... | --all) [--full] [--json]}: one snapshot per volume, now, up to
 * {@code backup.parallel} at once; volumes unchanged since their last good backup are skipped
 * unless {@code --full}.
 */
@Command(name = "backup", description = "Back up claims now: each claim's current volume, or every live volume with --all.")
public final class BackupClaimsCommand implements Callable<Integer> {
    @ParentCommand
    ClaimbackCommand root;

    @Spec
    CommandSpec spec;

    @ArgGroup(multiplicity = "1")
    Selection selection;

    static final class Selection {
        @Parameters(paramLabel = "CLAIM", arity = "1..*", description = "namespace/name, a claim key, or a PV name.")
        List<String> claims;

        @Option(names = "--all", required = true, description = "Every live volume on every export.")
        boolean all;
    }

    @Option(names = "--json", description = "Print JSON (shape in the README).")
    boolean json;

    @Option(names = "--full", description = "Run restic for every volume, also those unchanged since their last good backup.")
    boolean full;

    @Override
    public Integer call() {
        try (Engine engine = Session.open(root)) {
            PrintWriter err = spec.commandLine().getErr();
            BackupListener listener = json ? BackupListener.NONE : new BackupListener() {
                @Override
                public synchronized void started(ClaimRecord claim, VolumeRecord volume) {
                    // volumes are backed up in parallel: calls come from several threads, one at a time here
                    err.println("backing up " + claim.claimKey() + " (" + volume.path() + ")");
                    err.flush();
                }
            };
            List<VolumeBackup> results;
            if (selection.all) {
                results = BackupAll.run(engine, "cli", listener, claim -> true, full);
            } else {
                List<VolumeRecord> volumes = chosenVolumes(engine);
                engine.repositoryAccess().readyForBackup();
                results = engine.backupEngine().backup(volumes, "cli", listener, full);
            }
            ExitCode worst = results.stream().map(VolumeBackup::exitCode).reduce(ExitCode.OK, ExitCode::worst);
            print(results, worst);
            return worst.code();
        }
    }

    private List<VolumeRecord> chosenVolumes(Engine engine) {
        engine.claimSync().sync();
        Map<Long, VolumeRecord> volumes = new LinkedHashMap<>();
        for (String argument : selection.claims) {
            ClaimRecord claim = engine.claimResolver().resolveManaged(argument, engine.config().host());
            VolumeRecord current = engine.catalog().volumesOf(claim.id()).stream()
                    .filter(v -> v.current() && v.state().equals("live")).findFirst()
                    .orElseThrow(() -> UserError.usage("claim " + argument + " has no live volume on the exports"
                            + " (only archived or missing ones): nothing to back up"));
            volumes.put(current.id(), current);
        }
        return new ArrayList<>(volumes.values());
    }

    private void print(List<VolumeBackup> results, ExitCode worst) {
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            JsonOutput.write(out, new BackupRunJson(results.stream().map(BackupRunJson.Result::of).toList(), worst.code()));
            return;
        }
        if (results.isEmpty()) {
            out.println("no live volumes found under the configured exports: nothing backed up");
            out.flush();
            return;
        }
        Table table = new Table("CLAIM", "STATE", "SNAPSHOT", "FILES", "SIZE", "ADDED", "SECONDS");
        for (VolumeBackup r : results) {
            var s = r.snapshot();
            // an unchanged volume added nothing this time: its snapshot's added bytes are from the night it was made
            boolean unchanged = r.state().equals(org.claimback.backup.RunStates.SKIPPED_UNCHANGED);
            table.row(r.claim().claimKey(), r.state(), s == null ? null : s.shortId(), s == null ? null : s.filesTotal(),
                    s == null ? null : Sizes.human(s.bytesTotal()), s == null ? null : Sizes.human(unchanged ? 0 : s.bytesAdded()),
                    String.format(java.util.Locale.ROOT, "%.1f", r.duration().toMillis() / 1000.0));
        }
        table.print(out);
        PrintWriter err = spec.commandLine().getErr();
        for (VolumeBackup r : results) {
            if (r.error() != null) {
                err.println(r.claim().claimKey() + ": " + r.state() + ": " + r.error());
            }
            r.warnings().stream().limit(20).forEach(w -> err.println(r.claim().claimKey() + ": restic: " + w));
        }
        err.flush();
    }
}
