package org.claimback.restore;

/**
 * Hears how restores go, for progress bars and plain progress lines. Several restores may call
 * one listener concurrently, from their own threads and from restic's output pump.
 */
public interface RestoreListener {

    /** Hears nothing. */
    RestoreListener NONE = new RestoreListener() {};

    /** restic is about to restore {@code job}; {@code totalBytes} is what the snapshot holds. */
    default void started(RestoreJob job, long totalBytes) {}

    /**
     * {@code bytesDone} of the job's bytes are in place so far: from restic's status lines (0.16+),
     * and once more with the total found when restic is done (the only call on restic 0.14).
     */
    default void progress(RestoreJob job, long bytesDone) {}

    /**
     * The job ended: {@code result} when it succeeded, else {@code failure}. Called for every job,
     * also one whose target was refused before {@link #started} (then without a run in the catalogue).
     */
    default void finished(RestoreJob job, RestoredClaim result, RuntimeException failure) {}
}
