package org.claimback.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.claimback.catalog.ClaimRecord;
import org.claimback.catalog.VolumeRecord;
import org.claimback.claims.SyncResult;
import org.claimback.discovery.ClaimName;
import org.claimback.engine.Engine;
import org.claimback.outcome.ExitCode;
import org.claimback.outcome.UserError;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code claimback claims map DIR NAMESPACE/NAME}: says by hand which claim a volume directory
 * belongs to. Stored as a {@code manual} mapping, which wins over names and inventories; a
 * disagreeing inventory is reported, not ignored.
 */
@Command(name = "map", description = "Map a volume directory to its claim by hand (wins over names and inventories).")
public final class MapClaimCommand implements Callable<Integer> {
    @ParentCommand
    ListClaimsCommand claims;

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "DIR", description = "The volume directory on an export.")
    Path dir;

    @Parameters(index = "1", paramLabel = "NAMESPACE/NAME", description = "The claim it belongs to.")
    String claim;

    @Override
    public Integer call() {
        ClaimName name;
        try {
            name = ClaimName.parse(claim);
        } catch (IllegalArgumentException e) {
            throw UserError.usage(e.getMessage());
        }
        try (Engine engine = Session.open(claims.root)) {
            engine.claimSync().sync();
            String path = dir.toAbsolutePath().normalize().toString();
            VolumeRecord volume = engine.catalog().volumeByPath(path).orElseThrow(() -> UserError.usage(path
                    + " is not a volume claimback knows: give a PV directory listed by `claimback claims`"));
            engine.catalog().rememberMapping(path, volume.pvName(), name.namespace(), name.name(), "manual",
                    "claimback claims map", engine.clock().instant());
            SyncResult sync = engine.claimSync().sync();
            PrintWriter out = spec.commandLine().getOut();
            PrintWriter err = spec.commandLine().getErr();
            sync.problems().stream().filter(p -> p.startsWith(path + ":")).forEach(p -> err.println("warning: " + p));
            ClaimRecord now = engine.catalog().claimById(engine.catalog().volumeByPath(path).orElseThrow().claimId()).orElseThrow();
            out.println("mapped " + path + " to " + now.namespace() + "/" + now.name() + " (claim key " + now.claimKey() + ")");
            out.flush();
            err.flush();
            return ExitCode.OK.code();
        }
    }
}
