package org.claimback.cli;

import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import org.claimback.catalog.ClaimRecord;
import org.claimback.catalog.CopyRecord;
import org.claimback.claims.ClaimRef;
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

    @Parameters(index = "0", paramLabel = "CLAIM", description = "namespace/name, a claim key, or a PV name;"
            + " CLAIM@HOST for the snapshots of one host (servers sharing a repository).")
    String claim;

    @Option(names = "--json", description = "Print JSON (shape in the README).")
    boolean json;

    @Override
    public Integer call() {
        try (Engine engine = Session.open(root)) {
            engine.claimSync().sync();
            ClaimRef ref = ClaimRef.parse(claim);
            ClaimRecord record = engine.claimResolver().resolve(ref);
            List<SnapshotJson> snapshots = engine.catalog().snapshotsOf(record.id()).stream()
                    .filter(s -> !ref.qualified() || ref.host().equals(s.host()))
                    .map(s -> SnapshotJson.of(s, engine.catalog().copiesOf(s.resticId()).stream().map(CopyRecord::copyName).toList()))
                    .toList();
            List<DumpJson> dumps = engine.catalog().dumpsOf(record.id()).stream()
                    .filter(d -> !ref.qualified() || ref.host().equals(d.host())).map(DumpJson::of).toList();
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
                snapshotTable(snapshots).print(out);
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

    /** The snapshots' table; with a HOST column only when they are of more than one host (servers sharing a repository). */
    static Table snapshotTable(List<SnapshotJson> snapshots) {
        boolean hosts = snapshots.stream().map(SnapshotJson::host).distinct().count() > 1;
        Table table = hosts ? new Table("SNAPSHOT", "TIME", "HOST", "STATE", "FILES", "SIZE", "ADDED", "CONSISTENCY", "COPIES", "PATH")
                : new Table("SNAPSHOT", "TIME", "STATE", "FILES", "SIZE", "ADDED", "CONSISTENCY", "COPIES", "PATH");
        for (SnapshotJson s : snapshots) {
            List<Object> cells = new java.util.ArrayList<>(List.of(s.shortId(), s.time(), s.partial() ? "partial" : "ok", s.files(),
                    Sizes.human(s.bytes()), Sizes.human(s.bytesAdded()), s.consistency() == null ? "-" : s.consistency(),
                    s.copies() == null || s.copies().isEmpty() ? "-" : String.join(",", s.copies()), s.path()));
            if (hosts) {
                cells.add(2, s.host());
            }
            table.row(cells.toArray());
        }
        return table;
    }
}
