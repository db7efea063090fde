package org.claimback.doctor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.claimback.testing.ResticBinaries;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class ResticCheckTest {
    @TempDir
    Path tmp;

    @ParameterizedTest(name = "restic {0}")
    @MethodSource("org.claimback.testing.ResticBinaries#all")
    void should_report_the_version_and_where_restic_is(Path restic) throws Exception {
        CheckResult result = DoctorSetup.create(tmp, restic).run(new ResticCheck());

        assertEquals(CheckResult.ok("restic", "restic " + ResticBinaries.versionOf(restic) + " at " + restic), result);
    }

    @Test
    void should_fail_when_restic_is_missing() throws Exception {
        CheckResult result = DoctorSetup.create(tmp, tmp.resolve("no/restic")).run(new ResticCheck());

        assertEquals(Status.FAIL, result.status(), result::toString);
        assertTrue(result.detail().contains(tmp.resolve("no/restic").toString()), result::toString);
        assertTrue(result.detail().contains("restic.binary"), result::toString);
    }

    @Test
    void should_fail_when_restic_is_older_than_0_14() throws Exception {
        Path old = tmp.resolve("old-restic");
        Files.writeString(old, "#!/bin/sh\necho 'restic 0.13.1 compiled with go1.18 on linux/amd64'\n");
        Files.setPosixFilePermissions(old, PosixFilePermissions.fromString("rwxr-xr-x"));

        CheckResult result = DoctorSetup.create(tmp, old).run(new ResticCheck());

        assertEquals(Status.FAIL, result.status(), result::toString);
        assertTrue(result.detail().contains("is 0.13.1, claimback needs 0.14.0 or newer"), result::toString);
    }

    @Test
    void should_find_a_bare_name_on_the_path() {
        Path sh = ResticCheck.where(Path.of("sh"));
        assertTrue(sh.isAbsolute() && sh.endsWith("sh") && Files.isExecutable(sh), sh::toString);
        assertEquals(Path.of("no-such-binary-here"), ResticCheck.where(Path.of("no-such-binary-here")));
    }
}
