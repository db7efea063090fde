package org.claimback.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * The config's {@code sqlite:} defaults: SQLite databases found in a volume (by their header) are
 * backed up as consistent copies made through SQLite's online backup, not as the live files.
 *
 * @param consistentCopy true (the default): copy databases consistently; false: back up the live files as they are
 * @param exclude        globs (java.nio "glob:" syntax, relative to the volume directory) of databases to leave as they are
 * @param lockWait       how long a copy waits for a writer that locks the database (rollback-journal mode)
 *                       before the volume's backup takes the raw files and is reported partial
 * @param scratch        where the copies are made while a backup runs (mode 0700, outside every export);
 *                       needs room for the largest database
 */
public record SqliteConfig(boolean consistentCopy, List<String> exclude, Duration lockWait, Path scratch) {
    public static final Duration DEFAULT_LOCK_WAIT = Duration.ofSeconds(60);

    public SqliteConfig {
        exclude = List.copyOf(exclude);
    }

    /** The defaults, with copies made in {@code sqlite-copies} beside the catalogue. */
    public static SqliteConfig defaults(Path catalog) {
        return new SqliteConfig(true, List.of(), DEFAULT_LOCK_WAIT, catalog.resolveSibling("sqlite-copies"));
    }
}
