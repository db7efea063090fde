package org.claimback.config;

import java.util.List;

/**
 * A claim rule's {@code sqlite:}: what it changes of the {@link SqliteConfig} defaults.
 *
 * @param consistentCopy null: the default's; false opts the claim out of consistent copies
 * @param exclude        globs added to the default's
 */
public record SqliteRule(Boolean consistentCopy, List<String> exclude) {
    public SqliteRule {
        exclude = List.copyOf(exclude);
    }
}
