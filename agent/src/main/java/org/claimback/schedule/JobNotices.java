package org.claimback.schedule;

import java.time.Clock;
import org.claimback.notify.Notification;
import org.claimback.notify.Notifier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Publishes a scheduled job's start and end; a notifier that throws is logged, never passed on to the job. */
final class JobNotices {
    private static final Logger LOG = LoggerFactory.getLogger(JobNotices.class);

    private final Notifier notifier;
    private final Clock clock;

    JobNotices(Notifier notifier, Clock clock) {
        this.notifier = notifier;
        this.clock = clock;
    }

    void started(String job, String message) {
        publish(new Notification("start", Notification.JOB, job, null, null, message, null, clock.instant()));
    }

    /** @param event success, partial, suspicious or failure */
    void ended(String job, String event, String state, String message) {
        publish(new Notification(event, Notification.JOB, job, null, state, message, null, clock.instant()));
    }

    private void publish(Notification notification) {
        try {
            notifier.publish(notification);
        } catch (RuntimeException e) {
            LOG.warn("could not send the {} notification of the {} job (the job is not affected): {}",
                    notification.event(), notification.job(), e.getMessage());
        }
    }
}
