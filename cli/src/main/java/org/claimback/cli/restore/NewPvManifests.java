package org.claimback.cli.restore;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import org.claimback.catalog.ClaimRecord;
import org.claimback.outcome.UserError;
import org.claimback.restore.NewPvTargets;
import org.claimback.restore.RestoreOutcome;
import org.claimback.staticpv.StaticPvs;

/**
 * The PersistentVolume and PVC YAML of {@code restore --to-new-pv}: only for claims whose restore
 * succeeded (a failed one's directory holds no complete data), written to {@code --manifest FILE}
 * (never overwritten) or printed after the results. If the file cannot be written, the YAML is
 * printed instead, so nothing is lost, and the command fails.
 */
public final class NewPvManifests {
    private final NewPvTargets pvs;
    private final Path file;
    private String yaml;
    private boolean writeFailed;

    /** @param file {@code --manifest}, or null to print */
    public NewPvManifests(NewPvTargets pvs, Path file) {
        this.pvs = pvs;
        this.file = file;
    }

    /** Refuses an existing {@code --manifest} before anything is done. */
    public static void refuseExisting(Path file) {
        if (file != null && Files.exists(file, LinkOption.NOFOLLOW_LINKS)) {
            throw UserError.usage(file + " already exists and claimback never overwrites it: give --manifest a new file name");
        }
    }

    /** Builds the YAML of the restored claims and writes it to the file, if one was given. */
    public void collect(List<RestoreOutcome> outcomes, PrintWriter err) {
        List<ClaimRecord> restored = outcomes.stream().filter(o -> o.result() != null).map(o -> o.planned().claim()).toList();
        if (restored.isEmpty()) {
            return;
        }
        yaml = pvs.manifests(restored);
        if (file != null) {
            try {
                Files.writeString(file, yaml, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
            } catch (IOException e) {
                err.println("claimback: cannot write " + file + " (" + e.getMessage() + "): the manifests follow on stdout,"
                        + " save them from there");
                err.flush();
                writeFailed = true;
            }
        }
    }

    public boolean writeFailed() {
        return writeFailed;
    }

    /** The whole YAML when it was not written to a file (for {@code --json}), else null. */
    public String unwritten() {
        return file == null || writeFailed ? yaml : null;
    }

    /** One claim's YAML for its {@code --json} result, when the YAML is not in a file; else null. */
    public String unwrittenOf(RestoreOutcome o) {
        return unwritten() != null && o.result() != null ? StaticPvs.manifest(pvs.pv(o.planned().claim())) : null;
    }

    /** Prints the YAML, or where it was written. */
    public void print(PrintWriter out) {
        if (yaml == null) {
            return;
        }
        if (unwritten() == null) {
            out.println("wrote the PersistentVolume and PVC manifests to " + file + ": apply them with `kubectl apply -f "
                    + file + "` before the workloads start");
        } else {
            out.println("# PersistentVolumes and claims to apply in the rebuilt cluster (kubectl apply -f FILE):");
            out.print(yaml);
        }
        out.flush();
    }
}
