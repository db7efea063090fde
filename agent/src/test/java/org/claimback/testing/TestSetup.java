package org.claimback.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * One test's claimback installation in a temporary directory: an export root, a password file,
 * a repository path, a catalogue path and a config file naming a given restic binary.
 */
public record TestSetup(Path dir, TestExport export, Path repository, Path passwordFile, Path catalog, Path config,
        Path restic) {

    public static final String PASSWORD = "correct horse battery staple 4711";

    /**
     * A setup whose repository exists: a copy of a template made by {@code restic init} with a
     * cheap key ({@link TemplateRepository}), as claimback would have created it at the first backup.
     */
    public static TestSetup create(Path dir, Path restic) throws IOException {
        TestSetup setup = createWithoutRepository(dir, restic);
        TemplateRepository.copyTo(setup.repository(), PASSWORD);
        return setup;
    }

    /** A setup with no repository yet: claimback creates it (restic init) at the first backup. */
    public static TestSetup createWithoutRepository(Path dir, Path restic) throws IOException {
        TestExport export = TestExport.create(dir.resolve("export"));
        Path password = dir.resolve("etc/repository.password");
        Files.createDirectories(password.getParent());
        Files.writeString(password, PASSWORD + "\n");
        Files.setPosixFilePermissions(password, PosixFilePermissions.fromString("rw-------"));
        TestSetup setup = new TestSetup(dir, export, dir.resolve("repo"), password, dir.resolve("var/catalog.db"),
                dir.resolve("etc/config.yaml"), restic);
        setup.writeConfig("");
        return setup;
    }

    /** Writes the config, with {@code extra} YAML appended. */
    public void writeConfig(String extra) throws IOException {
        Files.writeString(config, "exports:\n"
                + "  - path: " + export.root() + "\n"
                + "repository: " + repository + "\n"
                + "passwordFile: " + passwordFile + "\n"
                + "catalog: " + catalog + "\n"
                + "host: claimback-test\n"
                + "restic:\n"
                + "  binary: " + restic + "\n"
                + "  cacheDir: " + dir.resolve("cache") + "\n"
                + extra);
    }
}
