package org.claimback.doctor;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SecretFilesCheckTest {
    @TempDir
    Path tmp;

    private CheckResult withTokens(String statusMode, String ntfyMode) throws Exception {
        DoctorSetup doctor = DoctorSetup.create(tmp, Path.of("/usr/bin/restic"));
        Path status = tmp.resolve("status.token");
        Path ntfy = tmp.resolve("ntfy.token");
        Files.writeString(status, "s3cret\n");
        Files.writeString(ntfy, "tk_ntfy\n");
        Files.setPosixFilePermissions(status, PosixFilePermissions.fromString(statusMode));
        Files.setPosixFilePermissions(ntfy, PosixFilePermissions.fromString(ntfyMode));
        doctor.setup().writeConfig("status:\n  listen: 127.0.0.1:9807\n  tokenFile: " + status + "\n"
                + "notify:\n  - format: ntfy\n    url: https://ntfy.sh/t\n    tokenFile: " + ntfy + "\n");
        return doctor.run(new SecretFilesCheck());
    }

    @Test
    void should_accept_private_token_files() throws Exception {
        CheckResult result = withTokens("rw-------", "r--------");
        assertEquals(Status.OK, result.status(), result::toString);
        assertEquals("2 token file(s) private: [" + tmp.resolve("status.token") + ", " + tmp.resolve("ntfy.token") + "]", result.detail());
    }

    @Test
    void should_warn_with_the_fix_when_a_token_file_is_readable_by_others() throws Exception {
        CheckResult result = withTokens("rw-------", "rw-r--r--");
        Path ntfy = tmp.resolve("ntfy.token");
        assertEquals(CheckResult.warn("secret-files", ntfy + " holds a ntfy token but mode 0644 gives every user access: chmod 600 " + ntfy),
                result);
    }

    @Test
    void should_be_ok_without_token_files() throws Exception {
        DoctorSetup doctor = DoctorSetup.create(tmp, Path.of("/usr/bin/restic"));
        CheckResult result = doctor.run(new SecretFilesCheck());
        assertEquals(Status.OK, result.status(), result::toString);
    }
}
