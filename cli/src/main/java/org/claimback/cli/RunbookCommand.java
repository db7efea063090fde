package org.claimback.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.concurrent.Callable;
import org.claimback.engine.Engine;
import org.claimback.outcome.ExitCode;
import org.claimback.outcome.Failures;
import org.claimback.outcome.UserError;
import org.claimback.restic.ResticException;
import org.claimback.runbook.Runbook;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code claimback runbook [--out FILE [--force]]}: the disaster-recovery runbook, as Markdown. */
@Command(name = "runbook", description = "Write the disaster-recovery runbook (Markdown) from the catalogue:"
        + " rebuilding the server, and per claim its latest good backup, claimback and plain restic commands, a static PV.")
public final class RunbookCommand implements Callable<Integer> {
    @ParentCommand
    ClaimbackCommand root;

    @Spec
    CommandSpec spec;

    @Option(names = "--out", paramLabel = "FILE", description = "Write the runbook to FILE instead of standard output.")
    Path out;

    @Option(names = "--force", description = "Replace FILE when it exists.")
    boolean force;

    @Override
    public Integer call() {
        if (force && out == null) {
            throw UserError.usage("--force only applies to --out FILE: add --out FILE, or drop --force");
        }
        if (out != null && Files.exists(out, LinkOption.NOFOLLOW_LINKS) && !force) {
            throw UserError.usage(out + " exists: add --force to replace it, or choose another --out FILE");
        }
        try (Engine engine = Session.open(root)) {
            engine.claimSync().sync();
            String markdown = new Runbook(engine.config(), engine.catalog(), engine.clock(), resticVersion(engine)).markdown();
            PrintWriter stdout = spec.commandLine().getOut();
            if (out == null) {
                stdout.print(markdown);
            } else {
                write(out, markdown);
                stdout.println("wrote the runbook to " + out + ": keep a copy off this server, with the repository password");
            }
            stdout.flush();
            return ExitCode.OK.code();
        }
    }

    private static String resticVersion(Engine engine) {
        try {
            return engine.restic().version().number();
        } catch (ResticException e) {
            return "unknown (" + Failures.message(e) + ")";
        }
    }

    /** Writes a temporary file next to FILE and moves it over, so a failed write leaves no half runbook. */
    private static void write(Path file, String text) {
        Path absolute = file.toAbsolutePath();
        try {
            Path temp = Files.createTempFile(absolute.getParent(), "." + absolute.getFileName(), ".tmp");
            try {
                Files.writeString(temp, text, StandardCharsets.UTF_8);
                Files.move(temp, absolute, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } finally {
                Files.deleteIfExists(temp);
            }
        } catch (IOException e) {
            throw UserError.failed("cannot write the runbook to " + file + ": " + e.getMessage()
                    + ": choose a writable --out FILE");
        }
    }
}
