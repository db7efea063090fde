package org.claimback.doctor;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.claimback.restic.ResticVersion;

/**
 * {@code restic}: the configured binary runs and is restic {@link ResticVersion#MINIMUM} or newer;
 * says which version and where. Missing, not restic or too old: {@code Restic.version()} throws
 * and the check FAILs with its message.
 */
final class ResticCheck implements Check {
    static final String NAME = "restic";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public List<String> needs() {
        return List.of(ConfigCheck.NAME);
    }

    @Override
    public CheckResult run(DoctorContext ctx) {
        ResticVersion version = ctx.restic().version();
        return CheckResult.ok(NAME, version + " at " + where(ctx.restic().settings().binary()));
    }

    /** The binary as run: a bare name is looked up on PATH as the process runner does. */
    static Path where(Path binary) {
        if (binary.isAbsolute() || binary.getNameCount() != 1) {
            return binary;
        }
        String path = System.getenv("PATH");
        for (String dir : (path == null ? "" : path).split(File.pathSeparator)) {
            Path candidate = Path.of(dir.isEmpty() ? "." : dir).resolve(binary);
            if (Files.isExecutable(candidate) && !Files.isDirectory(candidate)) {
                return candidate.toAbsolutePath();
            }
        }
        return binary;
    }
}
