package org.claimback.restore;

import java.nio.file.Path;
import java.time.Duration;
import org.claimback.catalog.ClaimRecord;
import org.claimback.catalog.SnapshotRecord;

/** A finished, checked restore: which snapshot went where, what was moved aside, and the totals found. */
public record RestoredClaim(
        ClaimRecord claim,
        SnapshotRecord snapshot,
        Path target,
        Path movedAside,
        TreeTotals restored,
        long runId,
        Duration duration) {}
