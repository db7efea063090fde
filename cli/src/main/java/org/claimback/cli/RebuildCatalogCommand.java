package org.claimback.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import org.claimback.catalogcopy.CatalogRebuild;
import org.claimback.catalogcopy.MergeCounts;
import org.claimback.catalogcopy.RebuildResult;
import org.claimback.cli.json.CatalogRebuildJson;
import org.claimback.cli.json.JsonOutput;
import org.claimback.config.Config;
import org.claimback.config.ConfigLoader;
import org.claimback.outcome.ExitCode;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code claimback catalog rebuild [--from-tags-only] [--from COPY] [--json]}: a new catalogue from the repository. */
@Command(name = "rebuild", description = {"Recreate the catalogue from the repository: the newest catalogue copy of this"
        + " host, then every snapshot's tags for what came after it. Snapshots the repository forgot are dropped.",
    "The existing catalogue file is moved aside (<file>.claimback-aside-<time>), never deleted. Stop the agent first."})
public final class RebuildCatalogCommand implements Callable<Integer> {
    @ParentCommand
    CatalogCommand catalog;

    @Spec
    CommandSpec spec;

    @Option(names = "--from-tags-only", description = "Ignore the catalogue copies; rebuild from the snapshots' tags alone.")
    boolean fromTagsOnly;

    @Option(names = "--from", paramLabel = "COPY", description = "Read the offsite copy COPY (its `copies:` name) instead of the"
            + " repository, e.g. when the repository is lost; then `restore --from COPY` restores from it.")
    String from;

    @Option(names = "--json", description = "Print JSON (shape in the README).")
    boolean json;

    @Override
    public Integer call() {
        Config config = ConfigLoader.load(ConfigLoader.locate(catalog.root.configFile, System.getenv()));
        RebuildResult r = (from == null ? CatalogRebuild.of(config) : CatalogRebuild.fromCopy(config, from)).rebuild(fromTagsOnly);
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            JsonOutput.write(out, CatalogRebuildJson.of(r));
            return ExitCode.OK.code();
        }
        MergeCounts m = r.merged();
        out.println("rebuilt the catalogue " + r.catalog() + (from == null ? "" : " from copy " + from));
        out.println("  copy:       " + (r.copy() == null ? "none (" + r.copyNote() + ")"
                : "catalogue copy " + r.copy().shortId() + " of " + r.copy().time()
                        + (r.runsInterrupted() > 0 ? ", " + r.runsInterrupted() + " run(s) left running in it marked interrupted" : "")));
        out.println("  from tags:  " + m.claimsAdded() + " claim(s), " + m.volumesAdded() + " volume(s), " + m.snapshotsAdded()
                + " snapshot(s) added" + (m.mappingsFromTags() > 0 ? ", " + m.mappingsFromTags() + " mapping(s) remembered" : ""));
        out.println("  forgotten:  " + m.snapshotsDropped() + " snapshot(s) dropped (no longer in the repository)");
        out.println("  now:        " + r.claims() + " claim(s), " + r.volumes() + " volume(s), " + r.snapshots() + " snapshot(s)");
        out.println("  previous:   " + (r.movedAside().isEmpty() ? "there was no catalogue file" : "moved to " + r.movedAside().get(0)
                + (r.movedAside().size() > 1 ? " (with its -wal/-shm)" : "")));
        if (r.otherHostSnapshots() > 0) {
            out.println("  left out:   " + r.otherHostSnapshots() + " snapshot(s) of other hosts");
        }
        if (m.snapshotsUnusable() > 0) {
            out.println("  left out:   " + m.snapshotsUnusable() + " snapshot(s) tagged claimback that name no claim or path");
        }
        r.problems().forEach(p -> out.println("warning: " + p));
        out.println("next: `claimback claims` to check the claims, then `claimback restore --all" + (from == null ? "" : " --from " + from)
                + " --dry-run` to see what goes where");
        out.flush();
        return ExitCode.OK.code();
    }
}
