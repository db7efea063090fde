package org.claimback.restic;

import java.nio.file.Path;
import java.util.Objects;

/**
 * Restores one snapshot into {@code target} (made absolute). restic creates the target with mode
 * 0700 when it is missing and, on 0.14, overwrites same-named files in a non-empty one: choosing
 * an empty target is the caller's job.
 *
 * @param snapshotId a short or full id, or {@code latest}
 * @param verify pass {@code --verify}: read the restored files back and compare
 */
public record RestoreRequest(String snapshotId, Path target, boolean verify) {

    public RestoreRequest {
        snapshotId = Arguments.requirePositional("snapshotId", snapshotId);
        Objects.requireNonNull(target, "target");
        target = target.toAbsolutePath().normalize();
    }
}
