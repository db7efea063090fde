package org.claimback.command;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;
import org.junit.jupiter.api.Test;

class CommandEnvironmentTest {

    @Test
    void a_command_never_sees_restics_or_a_clouds_credentials_but_keeps_its_password_file_and_path() {
        Map<String, String> parent = Map.of("PATH", "/usr/bin:/bin", "HOME", "/root", "PGPASSFILE", "/etc/claimback/pgpass",
                "RESTIC_PASSWORD_FILE", "/etc/claimback/repository.password", "RESTIC_REPOSITORY", "s3:host/bucket",
                "AWS_SECRET_ACCESS_KEY", "s3cr3t", "CLAIMBACK_RUN_ID", "forged", "PGPASSWORD", "pw", "MYSQL_PWD", "pw",
                "GITHUB_TOKEN", "t");

        Map<String, String> env = CommandEnvironment.of(parent, Map.of("CLAIMBACK_DUMP", "app.sql"));

        assertEquals(Map.of("PATH", "/usr/bin:/bin", "HOME", "/root", "PGPASSFILE", "/etc/claimback/pgpass",
                "CLAIMBACK_DUMP", "app.sql"), env);
    }
}
