package org.claimback.doctor;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PasswordFileCheckTest {
    @TempDir
    Path tmp;

    private CheckResult withMode(String mode) throws Exception {
        DoctorSetup doctor = DoctorSetup.create(tmp, Path.of("/usr/bin/restic"));
        Files.setPosixFilePermissions(doctor.setup().passwordFile(), PosixFilePermissions.fromString(mode));
        return doctor.run(new PasswordFileCheck());
    }

    private static String me() {
        return System.getProperty("user.name");
    }

    @Test
    void should_accept_mode_0600() throws Exception {
        CheckResult result = withMode("rw-------");

        assertEquals(Status.OK, result.status(), result::toString);
        assertEquals(tmp.resolve("etc/repository.password") + " is mode 0600, owned by " + me()
                + (me().equals("root") ? "" : " (the user running claimback)"), result.detail());
    }

    @Test
    void should_accept_stricter_modes() throws Exception {
        assertEquals(Status.OK, withMode("r--------").status());
    }

    @Test
    void should_warn_with_the_chmod_command_when_others_can_read_it() throws Exception {
        CheckResult result = withMode("rw-r--r--");

        Path file = tmp.resolve("etc/repository.password");
        assertEquals(CheckResult.warn("password-file", file + " holds the repository password but mode 0644 gives every"
                + " user access: chmod 600 " + file), result);
    }

    @Test
    void should_warn_when_its_group_can_read_it() throws Exception {
        CheckResult result = withMode("rw-r-----");

        assertEquals(Status.WARN, result.status());
        assertEquals(true, result.detail().contains("mode 0640 gives its group access: chmod 600 "), result::toString);
    }

    @Test
    void should_warn_with_the_chown_command_when_another_user_owns_it() throws Exception {
        assertEquals("root", me(), "the tests run as root: only root can give a file away");
        DoctorSetup doctor = DoctorSetup.create(tmp, Path.of("/usr/bin/restic"));
        Path file = doctor.setup().passwordFile();
        UserPrincipal nobody = file.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName("nobody");
        Files.setOwner(file, nobody);

        CheckResult result = doctor.run(new PasswordFileCheck());

        assertEquals(CheckResult.warn("password-file", file + " holds the repository password but it is owned by nobody,"
                + " who can read or replace it: chown root: " + file), result);
    }
}
