package org.claimback.notify;

/**
 * Sends notifications. {@link #publish} never throws and never makes a backup wait: a failing
 * webhook is logged and forgotten.
 */
public interface Notifier {
    Notifier NONE = notification -> {};

    void publish(Notification notification);
}
