package org.claimback.notify;

import java.util.List;
import org.claimback.config.NotifyTarget;

/** Builds the notifier for a config's {@code notify:} targets. */
public final class Notifiers {
    private Notifiers() {}

    /** {@link Notifier#NONE} without targets, else one that sends to each in the background. */
    public static Notifier from(List<NotifyTarget> targets, String host) {
        if (targets == null || targets.isEmpty()) {
            return Notifier.NONE;
        }
        return new BackgroundNotifier(targets, host, BackgroundNotifier.DEFAULT_TIMEOUT, BackgroundNotifier.DEFAULT_QUEUE,
                BackgroundNotifier.DEFAULT_CLOSE_WAIT);
    }
}
