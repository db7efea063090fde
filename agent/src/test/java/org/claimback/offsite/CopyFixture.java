package org.claimback.offsite;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import org.claimback.restic.Restic;
import org.claimback.restic.ResticSettings;
import org.claimback.restic.Snapshot;
import org.claimback.restic.SnapshotFilter;
import org.claimback.testing.TestSetup;

/** Offsite copies for a {@link TestSetup}: local repositories beside it, each with its own password. */
final class CopyFixture {
    private CopyFixture() {}

    /** Where copy {@code name}'s repository goes (not created). */
    static Path repository(TestSetup setup, String name) {
        return setup.dir().resolve("copies").resolve(name);
    }

    /** Its password file, holding {@code password} (mode 0600). */
    static Path passwordFile(TestSetup setup, String name, String password) throws IOException {
        Path file = setup.dir().resolve("etc").resolve(name + ".password");
        Files.createDirectories(file.getParent());
        Files.writeString(file, password + "\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        return file;
    }

    /** A {@code copies:} entry of a local copy with its own password. */
    static String entry(TestSetup setup, String name) throws IOException {
        return "  - name: " + name + "\n    repository: " + repository(setup, name) + "\n    passwordFile: "
                + passwordFile(setup, name, "password of " + name) + "\n";
    }

    /** The config of the setup with these {@code copies:} entries (and {@code extra} YAML). */
    static void configure(TestSetup setup, String extra, String... entries) throws IOException {
        setup.writeConfig(extra + "copies:\n" + String.join("", entries));
    }

    /** Plain restic on copy {@code name}, as a person would run it. */
    static Restic restic(TestSetup setup, String name) {
        return new Restic(new ResticSettings(setup.restic(), repository(setup, name).toString(),
                setup.dir().resolve("etc").resolve(name + ".password"), null, setup.dir().resolve("cache")));
    }

    static List<Snapshot> snapshots(Restic restic) {
        return restic.snapshots(SnapshotFilter.ALL);
    }

    /** {@code restic cat config}: the repository's config JSON. */
    static String catConfig(Restic restic) {
        List<String> lines = new ArrayList<>();
        var run = restic.run(List.of("cat", "config"), null, lines::add);
        if (!run.succeeded()) {
            throw restic.failure(run);
        }
        return String.join("\n", lines);
    }

    /** Bytes of every file under {@code dir}. */
    static long size(Path dir) throws IOException {
        try (var files = Files.walk(dir)) {
            return files.filter(Files::isRegularFile).mapToLong(p -> p.toFile().length()).sum();
        }
    }
}
