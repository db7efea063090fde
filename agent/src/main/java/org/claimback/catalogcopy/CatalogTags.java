package org.claimback.catalogcopy;

import java.util.List;
import java.util.Optional;
import org.claimback.backup.SnapshotTags;

/** The tags of a catalogue copy in the repository, and the name of the file inside it. */
public final class CatalogTags {
    /** Marks every catalogue copy; never together with {@link SnapshotTags#MARK}. */
    public static final String MARK = "claimback-catalog";
    /** The copy's schema version, so that an older claimback can tell it can't read a newer copy. */
    public static final String SCHEMA = "schema=";
    /** The copy's file name inside the snapshot. */
    public static final String FILE = "catalog.db";

    private CatalogTags() {}

    public static List<String> of(int schemaVersion) {
        return List.of(MARK, SCHEMA + schemaVersion);
    }

    /** The schema version a copy's tags name, if any. */
    public static Optional<Integer> schemaVersion(List<String> tags) {
        return SnapshotTags.value(tags, SCHEMA).flatMap(v -> {
            try {
                return Optional.of(Integer.parseInt(v));
            } catch (NumberFormatException e) {
                return Optional.empty();
            }
        });
    }
}
