package org.claimback.restic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ResticSettingsTest {

    @Test
    void should_strip_credentials_from_repository_urls() {
        assertEquals("rest:https://backup.example:8000/k8s", Restic.redact("rest:https://u:p@ss/w@rd@backup.example:8000/k8s"));
        assertEquals("s3:https://s3.example/bucket", Restic.redact("s3:https://s3.example/bucket"));
        assertEquals("sftp:backup@nas:/srv/restic", Restic.redact("sftp:backup@nas:/srv/restic"));
        assertEquals("/var/lib/claimback/repo", Restic.redact("/var/lib/claimback/repo"));
    }

    @Test
    void should_redact_the_repository_wherever_restic_prints_it() {
        ResticSettings settings = ResticSettings.of(Path.of("restic"), "rest:http://u:p/@host:8000/", Path.of("/pw"));

        assertEquals("at rest:http://host:8000/ and Head \"http://host:8000/config\"",
                settings.redact("at rest:http://u:p/@host:8000/ and Head \"http://u:***@host:8000/config\""));
    }

    @Test
    void should_give_the_child_our_repository_and_password_file_and_none_inherited() {
        ResticSettings settings = new ResticSettings(Path.of("/usr/bin/restic"), "/srv/repo", Path.of("/etc/pw"),
                Map.of("AWS_ACCESS_KEY_ID", "key"), Path.of("/var/cache/claimback"));

        Map<String, String> env = ResticProcess.environment(Map.of("PATH", "/usr/bin", "HOME", "/root",
                "RESTIC_PASSWORD", "inherited", "RESTIC_PASSWORD_COMMAND", "echo inherited", "RESTIC_REPOSITORY_FILE",
                "/other", "RESTIC_PASSWORD_FILE", "/other/pw", "RESTIC_PROGRESS_FPS", "5"), settings, Path.of("/srv/v"));

        assertEquals(Map.of("PATH", "/usr/bin", "HOME", "/root", "RESTIC_REPOSITORY", "/srv/repo",
                "RESTIC_PASSWORD_FILE", "/etc/pw", "RESTIC_CACHE_DIR", "/var/cache/claimback", "AWS_ACCESS_KEY_ID", "key",
                "RESTIC_PROGRESS_FPS", "5", "PWD", "/srv/v"), env);
    }

    @Test
    void should_refuse_to_choose_the_repository_or_password_through_extra_env() {
        assertThrows(IllegalArgumentException.class, () -> new ResticSettings(Path.of("restic"), "/r", Path.of("/pw"),
                Map.of("RESTIC_PASSWORD", "x"), null));
    }

    @Test
    void should_not_show_secrets_in_to_string() {
        String text = new ResticSettings(Path.of("restic"), "rest:http://u:secret1@h/", Path.of("/pw"),
                Map.of("AWS_SECRET_ACCESS_KEY", "secret2"), null).toString();

        assertFalse(text.contains("secret1") || text.contains("secret2"), text);
        assertTrue(text.contains("AWS_SECRET_ACCESS_KEY"), text);
    }

    @Test
    void should_refuse_tags_restic_would_split_and_ids_it_would_read_as_flags() {
        assertThrows(IllegalArgumentException.class, () -> new BackupRequest(Path.of("/v"), "h", java.util.List.of("a,b")));
        assertThrows(IllegalArgumentException.class, () -> new BackupRequest(Path.of("/v"), " ", java.util.List.of()));
        assertThrows(IllegalArgumentException.class, () -> new RestoreRequest("--delete", Path.of("/t"), false));
    }
}
