package org.claimback.doctor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.claimback.engine.Engine;
import org.claimback.restic.Restic;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class RepositoryCheckTest {
    @TempDir
    Path tmp;

    private static void init(DoctorSetup doctor) {
        new Restic(Engine.resticSettings(doctor.context().requireConfig())).init();
    }

    @ParameterizedTest(name = "restic {0}")
    @MethodSource("org.claimback.testing.ResticBinaries#all")
    void should_open_the_repository_with_the_password(Path restic) throws Exception {
        DoctorSetup doctor = DoctorSetup.create(tmp, restic);
        init(doctor);

        CheckResult result = doctor.run(new RepositoryCheck());

        assertEquals(CheckResult.ok("repository", doctor.setup().repository() + " opens with the password in "
                + doctor.setup().passwordFile()), result);
    }

    @ParameterizedTest(name = "restic {0}")
    @MethodSource("org.claimback.testing.ResticBinaries#all")
    void should_warn_that_a_missing_local_repository_is_created_at_the_first_backup(Path restic) throws Exception {
        DoctorSetup doctor = DoctorSetup.create(tmp, restic);

        CheckResult result = doctor.run(new RepositoryCheck());

        assertEquals(Status.WARN, result.status(), result::toString);
        assertEquals("no repository at " + doctor.setup().repository() + " yet: it is created at the first backup"
                + " (claimback backup --all, or the agent's schedule)", result.detail());
        assertTrue(Files.notExists(doctor.setup().repository()), "doctor creates nothing");
    }

    @ParameterizedTest(name = "restic {0}")
    @MethodSource("org.claimback.testing.ResticBinaries#all")
    void should_fail_on_a_wrong_password(Path restic) throws Exception {
        DoctorSetup doctor = DoctorSetup.create(tmp, restic);
        init(doctor);
        Files.writeString(doctor.setup().passwordFile(), "not the password\n");

        CheckResult result = doctor.run(new RepositoryCheck());

        assertEquals(Status.FAIL, result.status(), result::toString);
        assertTrue(result.detail().startsWith("wrong password for repository " + doctor.setup().repository()),
                result::toString);
        assertTrue(!result.detail().contains("not the password"), "never the password itself");
    }

    @ParameterizedTest(name = "restic {0}")
    @MethodSource("org.claimback.testing.ResticBinaries#all")
    void should_fail_when_the_local_directory_holds_something_else(Path restic) throws Exception {
        DoctorSetup doctor = DoctorSetup.create(tmp, restic);
        Files.createDirectories(doctor.setup().repository());
        Files.writeString(doctor.setup().repository().resolve("notes.txt"), "not a repository");

        CheckResult result = doctor.run(new RepositoryCheck());

        assertEquals(Status.FAIL, result.status(), result::toString);
        assertTrue(result.detail().startsWith(doctor.setup().repository() + " exists but is not a restic repository"),
                result::toString);
    }

    /** restic 0.17+ says exit 10 for a missing repository; a fake stands in for a remote server. */
    @Test
    void should_fail_when_a_remote_repository_is_missing() throws Exception {
        Path fake = tmp.resolve("fake-restic");
        Files.writeString(fake, "#!/bin/bash\n"
                + "if [ \"$1\" = version ]; then echo 'restic 0.18.0 compiled with go1.24.4 on linux/amd64'; exit 0; fi\n"
                + "echo '{\"message_type\":\"exit_error\",\"code\":10,\"message\":\"Fatal: repository does not exist\"}' >&2\n"
                + "exit 10\n");
        Files.setPosixFilePermissions(fake, PosixFilePermissions.fromString("rwxr-xr-x"));
        DoctorSetup doctor = DoctorSetup.create(tmp, fake);
        doctor.setup().writeConfig("");
        Files.writeString(doctor.setup().config(), Files.readString(doctor.setup().config())
                .replace("repository: " + doctor.setup().repository(), "repository: \"sftp:backup@nas:/srv/restic\""));

        CheckResult result = doctor.run(new RepositoryCheck());

        assertEquals(Status.FAIL, result.status(), result::toString);
        assertTrue(result.detail().startsWith("no restic repository at sftp:backup@nas:/srv/restic: claimback never"
                + " creates a remote one"), result::toString);
    }
}
