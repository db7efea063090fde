package org.claimback.config;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * A per-claim override from the config's {@code claims:} list. For each setting (schedule,
 * retention, hooks, sqlite, dumps), the first rule whose pattern matches a claim's
 * {@code namespace/name} or its claim key and that sets it applies ({@link #first}); {@code *}
 * matches any run of characters (also {@code /}), {@code ?} one character.
 *
 * @param match     as written: {@code ns/name}, a claim key, or a glob such as {@code media/*}
 * @param schedule  the claim's backup cron, {@link #OFF} for no scheduled backups, or null: the default
 * @param retention the claim's whole policy (it replaces the default, it does not merge), or null
 * @param hooks     commands around each backup of the claim's volume, or null
 * @param sqlite    what the rule changes of the {@code sqlite:} defaults, or null
 * @param dumps     streamed dumps taken with each backup, or null (an empty list means none)
 * @param line      where the rule is in the config, for messages
 */
public record ClaimRule(String match, String schedule, RetentionPolicy retention, HooksConfig hooks, SqliteRule sqlite,
                        List<DumpConfig> dumps, int line) {
    /** A schedule that never fires: the claim is backed up only on demand. */
    public static final String OFF = "off";

    public ClaimRule {
        dumps = dumps == null ? null : List.copyOf(dumps);
    }

    /** A rule with a schedule and a retention only. */
    public ClaimRule(String match, String schedule, RetentionPolicy retention, int line) {
        this(match, schedule, retention, null, null, null, line);
    }

    /**
     * The setting of the first rule that names the claim and sets it (non-null), if any.
     *
     * @param namespacedName the claim's {@code namespace/name}, or null when unknown
     */
    public static <T> Optional<T> first(List<ClaimRule> rules, String namespacedName, String claimKey,
            Function<ClaimRule, T> setting) {
        return rules.stream()
                .filter(rule -> rule.matches(namespacedName, claimKey))
                .map(setting)
                .filter(Objects::nonNull)
                .findFirst();
    }

    /** True when the rule names this claim: its {@code namespace/name} (null when unknown) or claim key. */
    public boolean matches(String namespacedName, String claimKey) {
        Pattern pattern = glob(match);
        return (namespacedName != null && pattern.matcher(namespacedName).matches()) || pattern.matcher(claimKey).matches();
    }

    static Pattern glob(String glob) {
        StringBuilder regex = new StringBuilder();
        for (char c : glob.toCharArray()) {
            switch (c) {
                case '*' -> regex.append(".*");
                case '?' -> regex.append('.');
                default -> regex.append(Pattern.quote(String.valueOf(c)));
            }
        }
        return Pattern.compile(regex.toString());
    }
}
