package org.claimback.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.claimback.cli.json.DoctorJson;
import org.claimback.cli.json.JsonOutput;
import org.claimback.config.ConfigLoader;
import org.claimback.doctor.CheckResult;
import org.claimback.doctor.Doctor;
import org.claimback.doctor.DoctorContext;
import org.claimback.doctor.Status;
import org.claimback.exports.ExportsTable;
import org.claimback.outcome.ExitCode;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code claimback doctor [--json]}: checks the setup (see {@link org.claimback.doctor}), one
 * line per check. Exit 0 when no check failed, 1 when one did. A config that does not load is the
 * {@code config} check's FAIL, never an error of the command.
 *
 * <p>Hidden options, for tests and for checking a table before installing it:
 * {@code --exports FILE} (default {@code /etc/exports}) and {@code --exports-d DIR} (default
 * {@code /etc/exports.d}) name the export table to read.
 */
@Command(name = "doctor", description = {"Check the setup: config, restic, password file, repository, catalogue"
        + " and the NFS exports. One line per check: ok, warn, FAIL or skip (a check it needs failed).",
    "Exit 0 when no check failed, 1 when one did."})
public final class DoctorCommand implements Callable<Integer> {
    @ParentCommand
    ClaimbackCommand root;

    @Spec
    CommandSpec spec;

    @Option(names = "--json", description = "Print JSON (shape in the README).")
    boolean json;

    @Option(names = "--exports", paramLabel = "FILE", hidden = true, description = "The export table (default: /etc/exports).")
    Path exports = ExportsTable.DEFAULT_EXPORTS;

    @Option(names = "--exports-d", paramLabel = "DIR", hidden = true,
            description = "The directory of further export tables, *.exports (default: /etc/exports.d).")
    Path exportsD = ExportsTable.DEFAULT_EXPORTS_D;

    @Override
    public Integer call() {
        DoctorContext ctx = DoctorContext.load(ConfigLoader.locate(root.configFile, System.getenv()), exports, exportsD);
        List<CheckResult> results = Doctor.run(ctx);
        ExitCode code = Doctor.exitCode(results);
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            JsonOutput.write(out, DoctorJson.of(results, code.code()));
        } else {
            print(out, results);
        }
        return code.code();
    }

    private static void print(PrintWriter out, List<CheckResult> results) {
        int width = Math.max(16, results.stream().mapToInt(r -> r.name().length() + 2).max().orElse(0));
        for (CheckResult r : results) {
            String label = label(r.status());
            out.println((label + " ".repeat(6 - label.length()) + r.name() + " ".repeat(width - r.name().length()) + r.detail())
                    .stripTrailing());
        }
        out.println();
        out.println(summary(results));
        out.flush();
    }

    private static String label(Status status) {
        return switch (status) {
            case OK -> "ok";
            case WARN -> "warn";
            case FAIL -> "FAIL";
            case SKIP -> "skip";
        };
    }

    /** "all 8 checks ok", or "1 failed, 2 warnings, 3 skipped". */
    private static String summary(List<CheckResult> results) {
        long failed = count(results, Status.FAIL);
        long warned = count(results, Status.WARN);
        long skipped = count(results, Status.SKIP);
        if (failed + warned + skipped == 0) {
            return "all " + results.size() + " checks ok";
        }
        List<String> parts = new ArrayList<>();
        if (failed > 0) {
            parts.add(failed + " failed");
        }
        if (warned > 0) {
            parts.add(warned + (warned == 1 ? " warning" : " warnings"));
        }
        if (skipped > 0) {
            parts.add(skipped + " skipped");
        }
        return String.join(", ", parts) + " (of " + results.size() + " checks)";
    }

    private static long count(List<CheckResult> results, Status status) {
        return results.stream().filter(r -> r.status() == status).count();
    }
}
