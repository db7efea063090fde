package org.claimback.cli.json;

import org.claimback.restore.PlannedRestore;
import org.claimback.restore.RestoreOutcome;
import org.claimback.restore.RestoredClaim;

/**
 * One claim's restore: {@code claimback restore CLAIM --json} prints one, and each entry of
 * {@link RestoreBatchJson#results()} is one. {@code state} is {@code ok} (restic verified every
 * file and the file count and bytes match the snapshot), {@code partial} (a partial snapshot:
 * restored, not checked against its totals), {@code failed} or {@code skipped} (not attempted;
 * {@code error} says why). {@code reason} says why {@code target} was chosen; {@code movedAside}
 * is the folder that received the target's previous content (--force), else null; {@code files}
 * and {@code bytes} are what was found in the target afterwards, {@code runId} the catalogue's
 * run (null when no run was recorded). {@code manifest} is the PersistentVolume and PVC YAML of
 * this claim's new PV under {@code --to-new-pv} (only for a restored claim), else null.
 */
public record RestoreJson(
        String claimKey,
        String namespace,
        String name,
        SnapshotJson snapshot,
        String target,
        String reason,
        String movedAside,
        Long files,
        Long bytes,
        Long runId,
        String state,
        String error,
        double durationSeconds,
        String manifest) {

    /** @param manifest the claim's PV/PVC YAML, or null */
    public static RestoreJson of(RestoreOutcome o, String manifest) {
        PlannedRestore p = o.planned();
        RestoredClaim r = o.result();
        return new RestoreJson(p.claim().claimKey(), p.claim().namespace(), p.claim().name(),
                r != null ? SnapshotJson.of(r.snapshot()) : p.snapshot() == null ? null : SnapshotJson.of(p.snapshot()),
                p.target() == null ? null : p.target().directory().toString(), p.target() == null ? null : p.target().reason(),
                r == null || r.movedAside() == null ? null : r.movedAside().toString(),
                r == null ? null : r.restored().files(), r == null ? null : r.restored().bytes(), r == null ? null : r.runId(),
                o.state(), o.error(), o.duration().toMillis() / 1000.0, manifest);
    }
}
