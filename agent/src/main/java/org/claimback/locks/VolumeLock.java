package org.claimback.locks;

/** A held volume lock; close it to release. Closing twice is harmless. */
public final class VolumeLock implements AutoCloseable {
    private final long volumeId;
    private Runnable release;

    VolumeLock(long volumeId, Runnable release) {
        this.volumeId = volumeId;
        this.release = release;
    }

    public long volumeId() {
        return volumeId;
    }

    @Override
    public synchronized void close() {
        if (release != null) {
            release.run();
            release = null;
        }
    }
}
