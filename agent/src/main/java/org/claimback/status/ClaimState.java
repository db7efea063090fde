package org.claimback.status;

import java.util.List;
import org.claimback.catalog.RunRecord;
import org.claimback.catalog.ShrinkRecord;

/**
 * A claim's state as {@code /status}, {@code /metrics} and {@code claimback status} show it, decided
 * by one rule, first match wins:
 * <ol>
 * <li>{@code suspicious}: a shrink waits for a person ({@code claimback accept CLAIM});</li>
 * <li>{@code no-volume}: no live PV directory (archived or missing): nothing to back up;</li>
 * <li>{@code failing}: its newest finished backup failed or was interrupted;</li>
 * <li>{@code partial}: its newest finished backup was partial (restic could not read some files);</li>
 * <li>{@code never-backed-up}: no backup has finished, or none ok (e.g. skipped: an empty volume);</li>
 * <li>{@code ok}: its newest finished backup was ok or found the volume unchanged.</li>
 * </ol>
 *
 * @param state  one of {@link #STATES}
 * @param reason one line a person can read: why the claim is in that state
 */
public record ClaimState(String state, String reason) {
    public static final List<String> STATES = List.of("ok", "failing", "partial", "suspicious", "never-backed-up", "no-volume");

    /**
     * @param liveVolume  true when the claim has a live volume
     * @param lastBackup  its newest finished backup run, or null
     * @param lastSuccess its newest backup run that ended ok or skipped-unchanged, or null
     * @param pending     its shrinks no person has accepted yet
     */
    public static ClaimState of(boolean liveVolume, RunRecord lastBackup, RunRecord lastSuccess, List<ShrinkRecord> pending) {
        if (!pending.isEmpty()) {
            return new ClaimState("suspicious", pending.get(pending.size() - 1).reason()
                    + ": retention keeps the snapshots from before it; check the volume, then `claimback accept CLAIM`");
        }
        if (!liveVolume) {
            return new ClaimState("no-volume", "no live PV directory (archived or missing): nothing to back up");
        }
        if (lastBackup == null) {
            return new ClaimState("never-backed-up", "no backup has run yet");
        }
        if (failed(lastBackup)) {
            return new ClaimState("failing", "last backup " + lastBackup.state()
                    + (lastBackup.error() == null ? "" : ": " + lastBackup.error()));
        }
        if ("partial".equals(lastBackup.state())) {
            return new ClaimState("partial", "last backup partial" + (lastBackup.error() == null ? "" : ": " + lastBackup.error()));
        }
        if (lastSuccess == null) {
            return new ClaimState("never-backed-up", "no backup has succeeded yet"
                    + (lastBackup.error() == null ? "" : ": " + lastBackup.error()));
        }
        return new ClaimState("ok", "skipped-unchanged".equals(lastBackup.state()) ? "unchanged since its last snapshot"
                : "suspicious".equals(lastBackup.state()) ? "its shrink was accepted" : "last backup ok");
    }

    private static boolean failed(RunRecord run) {
        return "failed".equals(run.state()) || "interrupted".equals(run.state());
    }
}
