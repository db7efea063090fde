package org.claimback.restic;

import java.util.List;

/**
 * A saved snapshot.
 *
 * @param partial restic exited 3: the snapshot was saved but some files could not be read. A
 *     partial backup is not a success: report it as such.
 * @param warnings restic's error lines, readable (at most {@value Restic#MAX_WARNINGS}, then one
 *     line counting the rest); can be non-empty for a complete backup too
 */
public record BackupResult(BackupSummary summary, boolean partial, List<String> warnings) {

    public BackupResult {
        warnings = List.copyOf(warnings);
    }
}
