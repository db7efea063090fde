package org.claimback.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.claimback.catalog.ClaimRecord;
import org.claimback.cli.json.JsonOutput;
import org.claimback.cli.json.RestoreBatchJson;
import org.claimback.cli.json.RestoreJson;
import org.claimback.cli.json.RestorePlanJson;
import org.claimback.cli.progress.RestoreProgressBar;
import org.claimback.cli.progress.RestoreProgressLines;
import org.claimback.cli.restore.ClaimSelection;
import org.claimback.cli.restore.Confirmation;
import org.claimback.cli.restore.NewPvManifests;
import org.claimback.cli.restore.RestoreReport;
import org.claimback.cli.text.Sizes;
import org.claimback.engine.Engine;
import org.claimback.outcome.ExitCode;
import org.claimback.outcome.Failures;
import org.claimback.restic.ResticException;
import org.claimback.outcome.UserError;
import org.claimback.restore.CopySource;
import org.claimback.restore.NewPvTargets;
import org.claimback.restore.PlannedRestore;
import org.claimback.restore.RestoreBatch;
import org.claimback.restore.RestoreListener;
import org.claimback.restore.RestoreOutcome;
import org.claimback.restore.RestorePlanner;
import org.claimback.restore.SnapshotQuery;
import org.claimback.restore.SnapshotTime;
import org.claimback.restore.TargetRule;
import org.claimback.restore.Targets;
import org.claimback.staticpv.StaticPvs;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code claimback restore (CLAIM | --namespace NS | --all) [--into DIR] [--snapshot ID | --at TIME]
 * [--from COPY] [--force] [--to-new-pv [--export PATH] [--nfs-server HOST] [--manifest FILE]] [--dry-run] [--yes] [--parallel N]
 * [--json]}: plan, (confirm), restore, report. With {@code --dump NAME --to FILE}: one claim's database
 * dump written to a file ({@link RestoreDumpToFile}).
 */
@Command(name = "restore", description = {
    "Restore claims' data: one CLAIM, every claim of --namespace NS, or --all.",
    "Without --into each claim goes into its current volume: the rebuilt cluster's new, empty PV directory,"
        + " or the backed-up directory itself when the layout reuses it (empty, or with --force).",
    "Many claims: the plan is shown first and confirmed on a terminal (--yes for scripts)."})
public final class RestoreClaimCommand implements Callable<Integer> {
    @ParentCommand
    ClaimbackCommand root;

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", arity = "0..1", paramLabel = "CLAIM", description = "namespace/name, a claim key, or a PV name.")
    String claim;

    @Option(names = "--namespace", paramLabel = "NS", description = "Restore every backed-up claim of this namespace.")
    String namespace;

    @Option(names = "--all", description = "Restore every backed-up claim.")
    boolean all;

    @Option(names = "--into", paramLabel = "DIR", description = "Restore into DIR instead (with many claims: DIR/<namespace>/<name>)."
            + " Must be empty or missing unless --force.")
    Path into;

    @Option(names = "--snapshot", paramLabel = "ID", description = "Restore this snapshot (full or short id) of CLAIM; it may be partial.")
    String snapshot;

    @Option(names = "--at", paramLabel = "TIME", description = "Restore the newest good snapshot at or before TIME: "
            + SnapshotTime.FORMS + ".")
    String at;

    @Option(names = "--allow-suspicious", description = "With --snapshot: restore it even if the shrink guard marked it suspicious.")
    boolean allowSuspicious;

    @Option(names = "--force", description = "A non-empty target's content is moved into <target>.claimback-aside-<time> first"
            + " (nothing is deleted).")
    boolean force;

    @Option(names = "--dry-run", description = "Only show the plan (claim, snapshot, target and why): change nothing.")
    boolean dryRun;

    @Option(names = {"--yes", "-y"}, description = "Restore many claims without asking.")
    boolean yes;

    @Option(names = "--parallel", paramLabel = "N", defaultValue = "4", description = "Restores at once, 1 to 16 (default ${DEFAULT-VALUE}).")
    int parallel;

    @Option(names = "--json", description = "Print only JSON on stdout (shape in the README).")
    boolean json;

    @Option(names = "--to-new-pv", description = "Restore each claim into a fresh PV directory on an export, and write the"
            + " static PersistentVolume and the PVC (volumeName) that bind it, as YAML.")
    boolean toNewPv;

    @Option(names = "--export", paramLabel = "PATH", description = "With --to-new-pv: the export root for the new directories"
            + " (default: the export of the claim's newest volume).")
    Path export;

    @Option(names = "--nfs-server", paramLabel = "HOST", description = "With --to-new-pv: spec.nfs.server of the new PVs"
            + " (default: the old PV's, else the config's host).")
    String nfsServer;

    @Option(names = "--manifest", paramLabel = "FILE", description = "With --to-new-pv: write the YAML to FILE (must not exist)"
            + " instead of printing it after the results.")
    Path manifest;

    @Option(names = "--from", paramLabel = "COPY", description = "Read from the offsite copy COPY (its `copies:` name) instead of"
            + " the repository, e.g. when the repository is lost. The snapshot is chosen as without it; --snapshot also takes its id in the copy.")
    String from;

    @Option(names = "--dump", paramLabel = "NAME", description = "Restore the claim's database dump NAME (its `dumps:` entry)"
            + " into the file --to FILE instead of its volume.")
    String dump;

    @Option(names = "--to", paramLabel = "FILE", description = "With --dump: the file to write; must not exist unless --force"
            + " (which moves it to <FILE>.claimback-aside-<time>).")
    Path to;

    @Override
    public Integer call() {
        if (dump != null || to != null) {
            if (from != null) {
                throw UserError.usage("--from restores a claim's volume, not a dump: drop --from, or --dump and --to");
            }
            return new RestoreDumpToFile(this).call();
        }
        validate();
        try (Engine engine = Session.open(root)) {
            CopySource source = from == null ? null : CopySource.of(engine, from);
            engine.claimSync().sync();
            List<ClaimRecord> claims;
            List<String> notBackedUp = List.of();
            if (claim != null) {
                claims = List.of(engine.claimResolver().resolve(claim));
            } else {
                ClaimSelection selection = ClaimSelection.of(engine.catalog(), all ? null : namespace);
                if (selection.claims().isEmpty()) {
                    throw UserError.usage("no backed-up claims " + (all ? "" : "in namespace " + namespace + " ")
                            + "in the catalogue: list them with `claimback claims`");
                }
                claims = selection.claims();
                notBackedUp = selection.notBackedUp();
            }
            SnapshotQuery query = new SnapshotQuery(source == null ? snapshot : source.primaryId(snapshot), at == null ? null : SnapshotTime.parse(at, engine.clock().instant()),
                    allowSuspicious);
            TargetRule targets = toNewPv ? new NewPvTargets(new StaticPvs(engine.catalog(), engine.config(), engine.clock()),
                    export, nfsServer)
                    : into == null ? Targets.currentVolume(engine.catalog(), force)
                    : claim != null ? Targets.into(into, force) : Targets.intoBase(into, force);
            List<PlannedRestore> plan = new RestorePlanner(engine.catalog()).plan(claims, query, targets);
            if (source != null) {
                plan = source.holding(plan);
            }
            if (claim != null && plan.get(0).skipped()) {
                throw plan.get(0).skip();
            }
            PrintWriter out = spec.commandLine().getOut();
            if (dryRun) {
                return dryRun(out, plan, notBackedUp);
            }
            try {
                if (claim == null || toNewPv) {
                    // many claims, or new directories to make: a wrong password stops here, before anything is
                    // asked, created or recorded (one restic call); one claim's restore fails just as early by itself
                    (source == null ? engine.repositoryAccess() : source.access()).proveAccess();
                } else {
                    (source == null ? engine.repositoryAccess() : source.access()).readyForRestore();
                }
            } catch (ResticException e) {
                throw source != null || e.kind() != ResticException.Kind.REPOSITORY_MISSING || engine.config().copies().isEmpty()
                        ? e : UserError.usage(Failures.message(e) + "; if it is lost, restore from a copy with --from "
                                + String.join(" or --from ", engine.config().copies().stream().map(c -> c.name()).toList()));
            }
            if (claim == null) {
                if (!json) {
                    RestoreReport.plan(out, plan, notBackedUp);
                }
                long runnable = plan.stream().filter(p -> !p.skipped()).count();
                if (runnable > 0 && !yes && !Confirmation.ask(System.console(), "Restore " + runnable + " claims?")) {
                    throw UserError.failed("not confirmed: nothing was restored");
                }
            } else if (!json) {
                out.println("target " + plan.get(0).target().directory() + ": " + plan.get(0).target().reason());
                out.flush();
            }
            List<RestoreOutcome> outcomes = run(engine, source, plan, targets);
            NewPvManifests manifests = targets instanceof NewPvTargets pvs ? new NewPvManifests(pvs, manifest) : null;
            if (manifests != null) {
                manifests.collect(outcomes, spec.commandLine().getErr());
            }
            ExitCode worst = outcomes.stream().map(RestoreOutcome::exitCode)
                    .reduce(manifests != null && manifests.writeFailed() ? ExitCode.FAILED : ExitCode.OK, ExitCode::worst);
            if (claim != null) {
                return single(out, outcomes.get(0), manifests, worst);
            }
            if (json) {
                JsonOutput.write(out, new RestoreBatchJson(false, plan.stream().map(RestorePlanJson::of).toList(),
                        outcomes.stream().map(o -> RestoreJson.of(o, manifests == null ? null : manifests.unwrittenOf(o))).toList(),
                        notBackedUp, manifests == null ? null : manifests.unwritten(), worst.code()));
            } else {
                RestoreReport.results(out, spec.commandLine().getErr(), outcomes);
                if (manifests != null) {
                    manifests.print(out);
                }
            }
            return worst.code();
        }
    }

    private void validate() {
        int selections = (claim != null ? 1 : 0) + (namespace != null ? 1 : 0) + (all ? 1 : 0);
        if (selections != 1) {
            throw UserError.usage("name what to restore: one CLAIM, --namespace NS or --all (exactly one of them)");
        }
        if (snapshot != null && claim == null) {
            throw UserError.usage("--snapshot names one claim's snapshot: use it with CLAIM, or --at TIME for many claims");
        }
        if (snapshot != null && at != null) {
            throw UserError.usage("--snapshot and --at both choose the snapshot: give only one");
        }
        if (allowSuspicious && snapshot == null) {
            throw UserError.usage("--allow-suspicious applies to a snapshot named with --snapshot ID: add it, or drop the flag");
        }
        if (toNewPv && into != null) {
            throw UserError.usage("--to-new-pv and --into both choose the target: give only one");
        }
        if (!toNewPv && (export != null || nfsServer != null || manifest != null)) {
            throw UserError.usage("--export, --nfs-server and --manifest describe new PVs: add --to-new-pv, or drop them");
        }
        NewPvManifests.refuseExisting(manifest);
        if (parallel < 1 || parallel > RestoreBatch.MAX_PARALLEL) {
            throw UserError.usage("--parallel " + parallel + " is out of range: give 1 to " + RestoreBatch.MAX_PARALLEL);
        }
    }

    private int dryRun(PrintWriter out, List<PlannedRestore> plan, List<String> notBackedUp) {
        ExitCode worst = plan.stream().anyMatch(PlannedRestore::skipped) ? ExitCode.FAILED : ExitCode.OK;
        if (json) {
            JsonOutput.write(out, new RestoreBatchJson(true, plan.stream().map(RestorePlanJson::of).toList(), List.of(),
                    notBackedUp, null, worst.code()));
        } else if (claim != null) {
            PlannedRestore p = plan.get(0);
            out.println("would restore " + p.claim().claimKey() + " snapshot " + RestoreReport.snapshot(p.snapshot()) + " ("
                    + (p.snapshot().totalsKnown() ? Sizes.human(p.snapshot().bytesTotal()) : "size unknown") + ") into "
                    + p.target().directory() + ": " + p.target().reason() + "; dry run, nothing changed");
            out.flush();
        } else {
            RestoreReport.plan(out, plan, notBackedUp);
            out.println("dry run: nothing changed");
            out.flush();
        }
        return worst.code();
    }

    private List<RestoreOutcome> run(Engine engine, CopySource source, List<PlannedRestore> plan, TargetRule targets) {
        RestoreBatch batch = new RestoreBatch(source == null ? engine.restoreEngine() : engine.restoreEngine().from(source),
                parallel);
        boolean terminal = System.console() != null && !json;
        if (terminal) {
            long bytes = plan.stream().mapToLong(PlannedRestore::bytes).sum();
            int count = (int) plan.stream().filter(p -> !p.skipped()).count();
            try (RestoreProgressBar bar = new RestoreProgressBar(System.err, bytes, count)) {
                return batch.run(plan, targets, "cli", bar);
            }
        }
        RestoreListener listener = json ? RestoreListener.NONE : new RestoreProgressLines(spec.commandLine().getErr());
        return batch.run(plan, targets, "cli", listener);
    }

    /** One claim: its result, or its failure thrown for the one error line (and {"error"} under --json). */
    private int single(PrintWriter out, RestoreOutcome outcome, NewPvManifests manifests, ExitCode worst) {
        if (outcome.failure() != null) {
            throw outcome.failure();
        }
        var result = outcome.result();
        if (json) {
            JsonOutput.write(out, RestoreJson.of(outcome, manifests == null ? null : manifests.unwrittenOf(outcome)));
        } else {
            if (result.movedAside() != null) {
                out.println("moved the previous content of " + result.target() + " to " + result.movedAside());
            }
            out.println("restored " + result.claim().claimKey() + " snapshot " + result.snapshot().shortId() + " ("
                    + result.snapshot().time() + ") into " + result.target() + ": " + result.restored().files() + " files, "
                    + Sizes.human(result.restored().bytes()) + (from == null ? "" : " from copy " + from) + (result.checkedAgainstSnapshot()
                            ? ", verified by restic and checked against the snapshot"
                            : ", verified by restic; NOT checked against the snapshot's totals (" + outcome.error() + ")"));
            out.flush();
            if (manifests != null) {
                manifests.print(out);
            }
        }
        return worst.code();
    }
}
