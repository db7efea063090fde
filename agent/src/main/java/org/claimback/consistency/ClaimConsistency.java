package org.claimback.consistency;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.claimback.catalog.ClaimRecord;
import org.claimback.config.ClaimRule;
import org.claimback.config.Config;
import org.claimback.config.DumpConfig;
import org.claimback.config.HooksConfig;
import org.claimback.config.SqliteRule;

/**
 * What the config asks for one claim: its hooks, whether its SQLite databases are copied
 * consistently (and which are left as they are), and its dumps. For each of the three, the first
 * {@code claims:} rule that matches the claim and sets it applies.
 *
 * @param hooks         the claim's hooks, or null
 * @param sqliteCopy    true when databases found in the volume are backed up as consistent copies
 * @param sqliteExclude globs (relative to the volume) of databases backed up as live files
 * @param dumps         the claim's dumps, in config order
 */
public record ClaimConsistency(HooksConfig hooks, boolean sqliteCopy, List<String> sqliteExclude, List<DumpConfig> dumps) {

    public ClaimConsistency {
        sqliteExclude = List.copyOf(sqliteExclude);
        dumps = List.copyOf(dumps);
    }

    /** The claim's settings under {@code config}. */
    public static ClaimConsistency of(Config config, ClaimRecord claim) {
        HooksConfig hooks = first(config, claim, ClaimRule::hooks).orElse(null);
        Optional<SqliteRule> sqlite = first(config, claim, ClaimRule::sqlite);
        Boolean ruleCopy = sqlite.map(SqliteRule::consistentCopy).orElse(null);
        boolean copy = ruleCopy != null ? ruleCopy : config.sqlite().consistentCopy();
        List<String> exclude = new ArrayList<>(config.sqlite().exclude());
        sqlite.ifPresent(rule -> exclude.addAll(rule.exclude()));
        List<DumpConfig> dumps = first(config, claim, ClaimRule::dumps).orElse(List.of());
        return new ClaimConsistency(hooks, copy, exclude, dumps);
    }

    private static <T> Optional<T> first(Config config, ClaimRecord claim, Function<ClaimRule, T> setting) {
        String name = claim.resolved() ? claim.namespace() + "/" + claim.name() : null;
        return ClaimRule.first(config.claims(), name, claim.claimKey(), setting);
    }
}
