package org.claimback.restic;

import java.util.List;

/**
 * What {@code restic restore} reported. The counts come from the JSON summary of restic 0.16+
 * and are {@code null} on older versions. restic counts directories in {@code files_restored}.
 *
 * @param warnings restic's error lines, readable, for a restore that still exited 0
 */
public record RestoreResult(Long filesRestored, Long bytesRestored, List<String> warnings) {

    public RestoreResult {
        warnings = List.copyOf(warnings);
    }
}
