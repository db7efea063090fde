package org.claimback.restore;

/**
 * Hears how restores go, for progress bars and plain progress lines. Called from the thread that
 * runs the restore; several restores may call one listener concurrently.
 */
public interface RestoreListener {

    /** Hears nothing. */
    RestoreListener NONE = new RestoreListener() {};

    /** The restore of {@code job} begins; {@code totalBytes} is what the snapshot holds (0 when unknown). */
    default void started(RestoreJob job, long totalBytes) {}

    /** {@code bytesDone} of the job's bytes are in place so far. */
    default void progress(RestoreJob job, long bytesDone) {}

    /** The job ended: {@code result} when it succeeded, else {@code failure}. */
    default void finished(RestoreJob job, RestoredClaim result, RuntimeException failure) {}
}
