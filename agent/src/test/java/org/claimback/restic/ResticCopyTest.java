package org.claimback.restic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** How one restic copy process gets both repositories' environment and options. */
class ResticCopyTest {
    private static ResticSettings settings(String repository, Map<String, String> env, List<String> flags) {
        return new ResticSettings(Path.of("/usr/bin/restic"), repository, Path.of("/etc/claimback/" + repository.hashCode()),
                env, null, flags);
    }

    @Test
    void both_repositories_credentials_reach_the_one_process_when_they_do_not_clash() {
        ResticSettings primary = settings("s3:http://127.0.0.1:9000/primary", Map.of("AWS_ACCESS_KEY_ID", "k1",
                "AWS_SECRET_ACCESS_KEY", "s1"), List.of("-o", "s3.region=eu"));
        ResticSettings copy = settings("sftp:backup@nas:/srv/copy", Map.of("SSH_AUTH_SOCK", "/run/agent"),
                List.of("-o", "sftp.command=ssh -i key backup@nas -s sftp", "--limit-upload", "100"));
        ResticSettings run = new ResticCopy(new Restic(copy), primary).runSettings();
        assertEquals(copy.repository(), run.repository(), "restic writes to the copy");
        assertEquals(Map.of("AWS_ACCESS_KEY_ID", "k1", "AWS_SECRET_ACCESS_KEY", "s1", "SSH_AUTH_SOCK", "/run/agent"), run.extraEnv());
        assertEquals(List.of("-o", "sftp.command=ssh -i key backup@nas -s sftp", "--limit-upload", "100", "-o", "s3.region=eu"),
                run.globalFlags());
    }

    @Test
    void one_variable_set_differently_for_both_is_refused_without_showing_either_value() {
        ResticSettings primary = settings("s3:http://a/primary", Map.of("AWS_SECRET_ACCESS_KEY", "secret-one"), List.of());
        ResticSettings copy = settings("s3:http://b/copy", Map.of("AWS_SECRET_ACCESS_KEY", "secret-two"), List.of());
        ResticException e = assertThrows(ResticException.class, () -> new ResticCopy(new Restic(copy), primary).runSettings());
        assertTrue(e.getMessage().contains("AWS_SECRET_ACCESS_KEY") && e.getMessage().contains("restic copy reads one environment"),
                e.getMessage());
        assertFalse(e.getMessage().contains("secret-one") || e.getMessage().contains("secret-two"), e.getMessage());
    }

    @Test
    void an_option_set_differently_for_both_is_refused() {
        ResticException e = assertThrows(ResticException.class, () -> ResticCopy.mergedFlags(List.of("-o", "s3.region=eu"),
                List.of("-o", "s3.region=us"), "s3:http://b/copy"));
        assertTrue(e.getMessage().contains("s3.region"), e.getMessage());
    }

    @Test
    void copying_without_snapshot_ids_is_refused_because_restic_would_copy_everything() {
        ResticSettings s = settings("/srv/copy", Map.of(), List.of());
        assertThrows(IllegalArgumentException.class, () -> new ResticCopy(new Restic(s), s).copy(List.of()));
    }
}
