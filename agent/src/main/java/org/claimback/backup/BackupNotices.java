package org.claimback.backup;

import java.time.Instant;
import org.claimback.notify.Notification;
import org.claimback.notify.Notifier;
import org.claimback.outcome.Failures;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The notification of one finished backup run (scope {@code run}, job {@code backup}): success
 * for ok, skipped and skipped-unchanged; partial; suspicious; failure for failed and interrupted.
 */
final class BackupNotices {
    private static final Logger LOG = LoggerFactory.getLogger(BackupNotices.class);

    private BackupNotices() {}

    /** Publishes; a notifier that throws is logged and changes nothing about the backup. */
    static void publish(Notifier notifier, VolumeBackup result, Instant now) {
        String label = BackupEngine.label(result.claim());
        String event = switch (result.state()) {
            case RunStates.OK, RunStates.SKIPPED, RunStates.SKIPPED_UNCHANGED -> "success";
            case RunStates.PARTIAL -> "partial";
            case RunStates.SUSPICIOUS -> "suspicious";
            default -> "failure";
        };
        String message = "backup of " + label + ": " + result.state()
                + (result.snapshot() == null ? "" : ", snapshot " + result.snapshot().shortId())
                + (result.error() == null ? "" : ": " + result.error());
        try {
            notifier.publish(new Notification(event, Notification.RUN, "backup", label, result.state(), message,
                    result.runId(), now));
        } catch (RuntimeException e) {
            LOG.warn("notification about the backup of {} failed (the backup is not affected): {}", label,
                    Failures.message(e));
        }
    }
}
