package org.claimback.command;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The environment of a command claimback runs for the operator (a hook, a dump producer):
 * claimback's own, minus everything that could carry a backup secret or pretend to be claimback's,
 * plus the {@code CLAIMBACK_*} facts claimback sets for that command. Such commands read their
 * own credentials from files (PGPASSFILE, {@code --defaults-extra-file}), never from ours.
 */
public final class CommandEnvironment {
    /** restic's, the cloud backends' and ssh-agent's variables, and claimback's own inherited ones. */
    private static final List<String> PREFIXES = List.of("RESTIC_", "AWS_", "B2_", "AZURE_", "GOOGLE_", "OS_", "ST_",
            "RCLONE_", "SSH_AUTH_SOCK", "CLAIMBACK_");
    /** Parts of a name that mark a secret (PGPASSWORD, MYSQL_PWD, GITHUB_TOKEN, ..._SECRET_KEY). */
    private static final List<String> SECRET_PARTS = List.of("PASSWORD", "PASSWD", "PASSPHRASE", "SECRET", "TOKEN",
            "CREDENTIAL", "PRIVATE", "_PWD", "APIKEY", "API_KEY", "ACCESS_KEY", "AUTH");

    private CommandEnvironment() {}

    /** True for a variable such a command never inherits. */
    public static boolean withheld(String name) {
        String upper = name.toUpperCase(Locale.ROOT);
        return PREFIXES.stream().anyMatch(upper::startsWith) || SECRET_PARTS.stream().anyMatch(upper::contains)
                || upper.endsWith("_KEY");
    }

    /** {@code parent} without withheld variables, plus {@code facts} (which win; null values become empty). */
    public static Map<String, String> of(Map<String, String> parent, Map<String, String> facts) {
        Map<String, String> env = new TreeMap<>();
        parent.forEach((name, value) -> {
            if (!withheld(name)) {
                env.put(name, value);
            }
        });
        if (facts != null) {
            facts.forEach((name, value) -> env.put(name, value == null ? "" : value));
        }
        return env;
    }
}
