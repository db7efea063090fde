package org.claimback.cli.json;

import org.claimback.restore.PlannedRestore;

/**
 * One line of a restore plan. {@code action} is {@code restore} or {@code skip}; for a skip,
 * {@code error} says why and how to fix it. {@code bytes} is what the snapshot holds (null when
 * the catalogue does not know; it is counted before restoring). {@code moveAside} is true when the
 * target is not empty and --force will move its content aside.
 */
public record RestorePlanJson(
        String claimKey,
        String namespace,
        String name,
        SnapshotJson snapshot,
        String target,
        String reason,
        boolean moveAside,
        Long bytes,
        String action,
        String error) {

    public static RestorePlanJson of(PlannedRestore p) {
        var s = p.snapshot();
        return new RestorePlanJson(p.claim().claimKey(), p.claim().namespace(), p.claim().name(),
                s == null ? null : SnapshotJson.of(s), p.target() == null ? null : p.target().directory().toString(),
                p.target() == null ? null : p.target().reason(), p.target() != null && p.target().moveAside(),
                s == null || !s.totalsKnown() ? null : s.bytesTotal(), p.skipped() ? "skip" : "restore",
                p.skipped() ? org.claimback.outcome.Failures.message(p.skip()) : null);
    }
}
