package org.claimback.notify;

/**
 * Sends notifications. {@link #publish} never throws and never makes a backup wait: a failing
 * webhook is logged and forgotten. {@link #close} lets what was published leave, waiting a bounded
 * time, so a command's notifications are sent before it exits.
 */
public interface Notifier extends AutoCloseable {
    Notifier NONE = notification -> {};

    void publish(Notification notification);

    /** Sends what is still queued, waiting at most a few seconds, then stops. Never throws. */
    @Override
    default void close() {}
}
