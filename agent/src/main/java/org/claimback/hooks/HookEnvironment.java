package org.claimback.hooks;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A hook's environment: the agent's own, without anything that could carry a backup secret or
 * pretend to be claimback's, plus the variables claimback sets for that hook.
 */
final class HookEnvironment {
    /** Prefixes of the variables a hook never inherits: restic's and the cloud backends' credentials, claimback's own. */
    static final List<String> WITHHELD_PREFIXES = List.of("RESTIC_", "AWS_", "B2_", "AZURE_", "GOOGLE_", "OS_", "ST_",
            "CLAIMBACK_");

    private HookEnvironment() {}

    /** {@code parent} minus every withheld variable, plus {@code vars} (which win). */
    static Map<String, String> of(Map<String, String> parent, Map<String, String> vars) {
        Map<String, String> env = new TreeMap<>();
        parent.forEach((name, value) -> {
            if (!withheld(name)) {
                env.put(name, value);
            }
        });
        if (vars != null) {
            vars.forEach((name, value) -> env.put(name, value == null ? "" : value));
        }
        return env;
    }

    static boolean withheld(String name) {
        return WITHHELD_PREFIXES.stream().anyMatch(name::startsWith);
    }
}
