package org.claimback.dump;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The environment a dump producer runs with: claimback's own, minus restic's variables and
 * anything that looks like a credential (cloud keys, passwords, tokens), plus the dump's
 * {@code CLAIMBACK_*} facts. A producer reads its own credentials from a file (PGPASSFILE,
 * {@code --defaults-extra-file}), never from claimback's environment.
 */
final class ProducerEnvironment {
    private ProducerEnvironment() {}

    /** Prefixes of restic's and of cloud backends' variables (credentials of the repository). */
    private static final List<String> PREFIXES = List.of("RESTIC_", "AWS_", "B2_", "AZURE_", "GOOGLE_", "GOOGLE_APPLICATION",
            "OS_", "ST_", "RCLONE_", "SSH_AUTH_SOCK");
    /** Parts of a name that mark a secret (PGPASSWORD, MYSQL_PWD, GITHUB_TOKEN, ..._SECRET_KEY). */
    private static final List<String> SECRET_PARTS = List.of("PASSWORD", "PASSWD", "PASSPHRASE", "SECRET", "TOKEN",
            "CREDENTIAL", "PRIVATE", "_PWD", "APIKEY", "API_KEY", "ACCESS_KEY", "AUTH");

    static boolean isSecret(String name) {
        String upper = name.toUpperCase(Locale.ROOT);
        return PREFIXES.stream().anyMatch(upper::startsWith) || SECRET_PARTS.stream().anyMatch(upper::contains)
                || upper.endsWith("_KEY");
    }

    /** {@code parent} without secrets, plus {@code facts}. */
    static Map<String, String> of(Map<String, String> parent, Map<String, String> facts) {
        Map<String, String> env = new HashMap<>();
        parent.forEach((name, value) -> {
            if (!isSecret(name)) {
                env.put(name, value);
            }
        });
        env.putAll(facts);
        return env;
    }
}
