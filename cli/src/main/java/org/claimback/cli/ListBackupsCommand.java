package org.claimback.cli;

import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import org.claimback.catalog.ClaimRecord;
import org.claimback.catalog.CopyRecord;
import org.claimback.cli.json.BackupsJson;
import org.claimback.cli.json.ClaimJson;
import org.claimback.cli.json.DumpJson;
import org.claimback.cli.json.JsonOutput;
import org.claimback.cli.json.SnapshotJson;
import org.claimback.cli.text.Sizes;
import org.claimback.cli.text.Table;
import org.claimback.engine.Engine;
import org.claimback.outcome.ExitCode;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code claimback backups CLAIM [--json]}: the claim's volume snapshots, then its streamed dumps,
 * each newest first, from the catalogue.
 */
@Command(name = "backups", description = "List the backups (restic snapshots) of one claim, newest first:"
        + " its volume snapshots, then its database dumps.")
public final class ListBackupsCommand implements Callable<Integer> {
    @ParentCommand
    ClaimbackCommand root;

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "CLAIM", description = "namespace/name, a claim key, or a PV name.")
    String claim;

    @Option(names = "--json", description = "Print JSON (shape in the README).")
    boolean json;

    @Override
    public Integer call() {
        try (Engine engine = Session.open(root)) {
            engine.claimSync().sync();
            ClaimRecord record = engine.claimResolver().resolve(claim);
            List<SnapshotJson> snapshots = engine.catalog().snapshotsOf(record.id()).stream()
                    .map(s -> SnapshotJson.of(s, engine.catalog().copiesOf(s.resticId()).stream().map(CopyRecord::copyName).toList()))
                    .toList();
            List<DumpJson> dumps = engine.catalog().dumpsOf(record.id()).stream().map(DumpJson::of).toList();
            BackupsJson shape = new BackupsJson(ClaimJson.of(record, engine.catalog().volumesOf(record.id()),
                    snapshots.isEmpty() ? null : snapshots.get(0)), snapshots, dumps);
            PrintWriter out = spec.commandLine().getOut();
            if (json) {
                JsonOutput.write(out, shape);
                return ExitCode.OK.code();
            }
            if (snapshots.isEmpty() && dumps.isEmpty()) {
                out.println("no backups of " + record.claimKey() + " yet: run `claimback backup " + record.claimKey() + "`");
                out.flush();
                return ExitCode.OK.code();
            }
            if (snapshots.isEmpty()) {
                out.println("no volume snapshots of " + record.claimKey() + " yet");
            } else {
                Table table = new Table("SNAPSHOT", "TIME", "STATE", "FILES", "SIZE", "ADDED", "CONSISTENCY", "COPIES", "PATH");
                for (SnapshotJson s : snapshots) {
                    table.row(s.shortId(), s.time(), s.partial() ? "partial" : "ok", s.files(), Sizes.human(s.bytes()),
                            Sizes.human(s.bytesAdded()), s.consistency() == null ? "-" : s.consistency(),
                            s.copies().isEmpty() ? "-" : String.join(",", s.copies()), s.path());
                }
                table.print(out);
            }
            if (!dumps.isEmpty()) {
                out.println();
                Table table = new Table("DUMP", "SNAPSHOT", "TIME", "SIZE", "STATE", "RUN");
                for (DumpJson d : dumps) {
                    table.row(d.name(), d.shortId() == null ? "-" : d.shortId(), d.time(),
                            d.bytes() > 0 ? Sizes.human(d.bytes()) : "?", d.state(), d.runId() == null ? "-" : d.runId());
                }
                table.print(out);
            }
            out.flush();
            return ExitCode.OK.code();
        }
    }
}
