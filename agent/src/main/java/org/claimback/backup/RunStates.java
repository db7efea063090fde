package org.claimback.backup;

/** The states a run ends in, as stored in the catalogue and shown in {@code --json}. */
public final class RunStates {
    public static final String RUNNING = "running";
    public static final String OK = "ok";
    public static final String PARTIAL = "partial";
    public static final String FAILED = "failed";
    public static final String INTERRUPTED = "interrupted";
    /** Nothing to back up (an empty volume: restic refuses empty snapshots); no snapshot was made. */
    public static final String SKIPPED = "skipped";
    /** The volume's fingerprint matched its last good backup: no restic ran; the run names the snapshot that covers it. */
    public static final String SKIPPED_UNCHANGED = "skipped-unchanged";
    /** The shrink guard fired: the volume is empty or far smaller than its last good snapshot. */
    public static final String SUSPICIOUS = "suspicious";

    private RunStates() {}
}
