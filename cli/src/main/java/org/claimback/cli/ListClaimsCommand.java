package org.claimback.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import org.claimback.catalog.Catalog;
import org.claimback.catalog.ClaimRecord;
import org.claimback.catalog.VolumeRecord;
import org.claimback.cli.json.ClaimJson;
import org.claimback.cli.json.ClaimsJson;
import org.claimback.cli.json.JsonOutput;
import org.claimback.cli.json.SnapshotJson;
import org.claimback.cli.text.Table;
import org.claimback.claims.SyncResult;
import org.claimback.discovery.DiscoveryResult;
import org.claimback.engine.Engine;
import org.claimback.outcome.ExitCode;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code claimback claims [--json]}: every claim the exports and the catalogue know. */
@Command(name = "claims", description = "List claims, their volumes and their newest backup.",
        subcommands = {MapClaimCommand.class})
public final class ListClaimsCommand implements Callable<Integer> {
    @ParentCommand
    ClaimbackCommand root;

    @Spec
    CommandSpec spec;

    @Option(names = "--json", description = "Print JSON (shape in the README).")
    boolean json;

    @Override
    public Integer call() {
        try (Engine engine = Session.open(root)) {
            SyncResult sync = engine.claimSync().sync();
            DiscoveryResult scan = sync.scan();
            Catalog catalog = engine.catalog();
            List<ClaimJson> claims = new ArrayList<>();
            var newest = catalog.newestSnapshots();
            var volumesByClaim = catalog.volumes().stream().collect(java.util.stream.Collectors.groupingBy(VolumeRecord::claimId));
            for (ClaimRecord claim : catalog.claims()) {
                SnapshotJson last = newest.containsKey(claim.id()) ? SnapshotJson.of(newest.get(claim.id())) : null;
                List<VolumeRecord> volumes = volumesByClaim.getOrDefault(claim.id(), List.of());
                if (volumes.isEmpty() && last == null) {
                    continue; // a provisional claim whose volume moved to its real claim
                }
                claims.add(ClaimJson.of(claim, volumes, last));
            }
            List<ClaimsJson.UnmatchedJson> unmatched = scan.unmatched().stream()
                    .map(u -> new ClaimsJson.UnmatchedJson(u.path().toString(), u.reason())).toList();
            ClaimsJson shape = new ClaimsJson(claims, unmatched, sync.problems());
            PrintWriter out = spec.commandLine().getOut();
            if (json) {
                JsonOutput.write(out, shape);
            } else {
                print(out, shape);
            }
            return ExitCode.OK.code();
        }
    }

    private static void print(PrintWriter out, ClaimsJson shape) {
        Table table = new Table("CLAIM", "KEY", "MAPPED BY", "VOLUME", "STATE", "LAST BACKUP");
        for (ClaimJson c : shape.claims()) {
            String name = c.namespace() != null ? c.namespace() + "/" + c.name()
                    : c.candidates().isEmpty() ? "unknown (needs an inventory or `claims map`)"
                    : "ambiguous: " + c.candidates().stream().map(x -> x.namespace() + "/" + x.name()).collect(Collectors.joining(" | "));
            String last = c.lastBackup() == null ? "never"
                    : c.lastBackup().time().toString() + " " + c.lastBackup().shortId() + (c.lastBackup().partial() ? " (partial)" : "");
            boolean first = true;
            for (var v : c.volumes()) {
                table.row(first ? name : "", first ? c.claimKey() : "", first ? c.mappedBy() : "", v.path(),
                        v.state() + (v.current() ? " (current)" : ""), first ? last : "");
                first = false;
            }
        }
        if (table.isEmpty()) {
            out.println("no claims found under the configured exports");
        } else {
            table.print(out);
        }
        if (!shape.unmatched().isEmpty()) {
            out.println();
            out.println("Directories that fit no layout (not backed up):");
            Table unmatched = new Table("PATH", "REASON");
            shape.unmatched().forEach(u -> unmatched.row(u.path(), u.reason()));
            unmatched.print(out);
        }
        for (String problem : shape.problems()) {
            out.println("warning: " + problem);
        }
        out.flush();
    }
}
