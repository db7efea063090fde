package org.claimback.restore;

import java.nio.file.Path;
import org.claimback.catalog.ClaimRecord;
import org.claimback.catalog.SnapshotRecord;

/**
 * One restore to carry out: which snapshot of which claim goes where.
 *
 * @param kind    the run kind recorded in the catalogue: {@code restore}, or {@code drill} for a
 *                rehearsal into a scratch directory
 * @param force   move a non-empty target's content aside first (nothing is deleted)
 * @param trigger {@code cli} or {@code schedule}
 */
public record RestoreJob(String kind, ClaimRecord claim, SnapshotRecord snapshot, Path target, boolean force,
                         String trigger) {

    public RestoreJob {
        if (!kind.equals("restore") && !kind.equals("drill")) {
            throw new IllegalArgumentException("kind must be restore or drill, got " + kind);
        }
        target = target.toAbsolutePath().normalize();
    }
}
