package org.claimback.cli.json;

import org.claimback.restore.RestoredClaim;

/**
 * {@code claimback restore --json}: a finished and checked restore. {@code movedAside} is the
 * folder that received the target's previous content (--force), else null; {@code files} and
 * {@code bytes} are what was found in the target afterwards.
 */
public record RestoreJson(
        String claimKey,
        String namespace,
        String name,
        SnapshotJson snapshot,
        String target,
        String movedAside,
        long files,
        long bytes,
        long runId,
        String state,
        double durationSeconds) {

    public static RestoreJson of(RestoredClaim r) {
        return new RestoreJson(r.claim().claimKey(), r.claim().namespace(), r.claim().name(),
                SnapshotJson.of(r.snapshot()), r.target().toString(),
                r.movedAside() == null ? null : r.movedAside().toString(), r.restored().files(), r.restored().bytes(),
                r.runId(), "ok", r.duration().toMillis() / 1000.0);
    }
}
