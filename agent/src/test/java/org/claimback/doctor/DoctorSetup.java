package org.claimback.doctor;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.claimback.testing.TestSetup;

/**
 * A claimback installation ({@link TestSetup}) plus an export table of its own: {@code exports}
 * and {@code exports.d} in the test's directory, written per test.
 */
record DoctorSetup(TestSetup setup, Path exports, Path exportsD) {

    static DoctorSetup create(Path dir, Path restic) throws IOException {
        TestSetup setup = TestSetup.createWithoutRepository(dir, restic); // doctor's repository check is about whether there is one
        return new DoctorSetup(setup, dir.resolve("etc/exports"), dir.resolve("etc/exports.d"));
    }

    /** Writes {@code exports} (lines joined with newlines). */
    DoctorSetup exportsFile(String... lines) throws IOException {
        Files.writeString(exports, String.join("\n", lines) + "\n");
        return this;
    }

    /** Exports the test's export root to everyone, read-write. */
    DoctorSetup exported() throws IOException {
        return exportsFile("# the provisioner's export", setup.export().root() + " *(rw,sync,no_subtree_check)");
    }

    DoctorContext context() {
        return DoctorContext.load(setup.config(), exports, exportsD);
    }

    /** Runs one check (what it needs beyond the config is not run) and returns its result. */
    CheckResult run(Check check) {
        return Doctor.runAll(context(), List.of(check)).get(0);
    }
}
