package org.claimback.engine;

/**
 * Set when the agent is asked to stop (SIGTERM): work that is running may finish within the
 * grace period, but nothing new starts (no next volume, no next claim's forget).
 */
public final class StopSignal {
    private volatile boolean stopping;

    public void stop() {
        stopping = true;
    }

    public boolean stopping() {
        return stopping;
    }
}
