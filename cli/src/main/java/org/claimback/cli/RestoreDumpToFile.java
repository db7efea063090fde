package org.claimback.cli;

import java.io.PrintWriter;
import org.claimback.catalog.ClaimRecord;
import org.claimback.catalog.DumpRecord;
import org.claimback.cli.json.DumpRestoreJson;
import org.claimback.cli.json.JsonOutput;
import org.claimback.cli.text.Sizes;
import org.claimback.dumprestore.DumpChoice;
import org.claimback.dumprestore.DumpRestore;
import org.claimback.dumprestore.RestoredDump;
import org.claimback.engine.Engine;
import org.claimback.outcome.ExitCode;
import org.claimback.outcome.UserError;

/**
 * {@code claimback restore CLAIM --dump NAME --to FILE [--snapshot ID] [--force] [--json]}: the
 * part of {@link RestoreClaimCommand} that writes a database dump back to a file. Validates the
 * options that make sense only for volumes, picks the dump, writes it, prints one line.
 */
final class RestoreDumpToFile {
    private final RestoreClaimCommand c;

    RestoreDumpToFile(RestoreClaimCommand command) {
        this.c = command;
    }

    int call() {
        validate();
        DumpRestore.checkTarget(c.to.toAbsolutePath().normalize(), c.force);
        try (Engine engine = Session.open(c.root)) {
            engine.claimSync().sync();
            ClaimRecord claim = engine.claimResolver().resolve(c.claim);
            DumpRecord dump = DumpChoice.choose(engine.catalog(), claim, c.dump, c.snapshot);
            engine.repositoryAccess().readyForRestore();
            RestoredDump result = new DumpRestore(engine.catalog(), engine.restic(), engine.config().host(), engine.clock())
                    .restore(claim, dump, c.to, c.force, "cli");
            PrintWriter out = c.spec.commandLine().getOut();
            if (c.json) {
                JsonOutput.write(out, DumpRestoreJson.of(result));
            } else {
                if (result.movedAside() != null) {
                    out.println("moved the previous " + result.file() + " to " + result.movedAside());
                }
                out.println("restored dump " + dump.name() + " of " + claim.claimKey() + " into " + result.file() + ": "
                        + result.bytes() + " bytes (" + Sizes.human(result.bytes()) + ") from snapshot " + dump.shortId()
                        + " (" + dump.time() + ")");
                out.flush();
            }
            return ExitCode.OK.code();
        }
    }

    private void validate() {
        if (c.dump == null) {
            throw UserError.usage("--to FILE is where a database dump goes: add --dump NAME, or use --into DIR for a volume");
        }
        if (c.to == null) {
            throw UserError.usage("--dump " + c.dump + " needs --to FILE: the file to write the dump into");
        }
        if (c.claim == null) {
            throw UserError.usage("--dump restores one claim's dump: name the CLAIM");
        }
        if (c.all || c.namespace != null) {
            throw UserError.usage("--dump restores one claim's dump into one file: drop --all/--namespace and name the CLAIM");
        }
        if (c.into != null || c.toNewPv) {
            throw UserError.usage("--dump writes a file given by --to, not a volume: drop --into/--to-new-pv");
        }
        if (c.at != null || c.allowSuspicious || c.dryRun || c.export != null || c.nfsServer != null || c.manifest != null) {
            throw UserError.usage("--dump takes only --to, --snapshot, --force and --json: drop --at, --allow-suspicious,"
                    + " --dry-run, --export, --nfs-server and --manifest");
        }
    }
}
