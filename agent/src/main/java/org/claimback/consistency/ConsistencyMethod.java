package org.claimback.consistency;

import java.util.Collection;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The words for how a backup was made consistent, as {@code backups} and {@code runs} show them and
 * the {@code consistency=} tag carries them. A volume snapshot may combine several, joined with
 * {@code +} in this order: {@code hook+fs-snapshot}, {@code hook+sqlite-online-backup}.
 */
public final class ConsistencyMethod {
    /** A before-hook ran and succeeded (the application was told to get ready). */
    public static final String HOOK = "hook";
    /** The volume was read from a read-only filesystem snapshot taken at the start of the run. */
    public static final String FS_SNAPSHOT = "fs-snapshot";
    /** The SQLite databases found in the volume were backed up as consistent copies made by SQLite's online backup. */
    public static final String SQLITE = "sqlite-online-backup";
    /** A streamed dump (its own snapshot). */
    public static final String DUMP = "dump";
    /** The live files, as they were while they were read. */
    public static final String NONE = "none";

    private static final List<String> ORDER = List.of(HOOK, FS_SNAPSHOT, SQLITE, DUMP);

    private ConsistencyMethod() {}

    /** The methods in their fixed order joined with '+', or {@link #NONE} when there are none. */
    public static String join(Collection<String> methods) {
        String joined = ORDER.stream().filter(methods::contains).collect(Collectors.joining("+"));
        return joined.isEmpty() ? NONE : joined;
    }
}
