package org.claimback.notify;

import java.time.Instant;

/**
 * Something worth telling a person.
 *
 * @param event   one of {@link org.claimback.config.NotifyTarget#EVENTS}: failure, partial, suspicious,
 *                success, start (a scheduled job began), check (a repository check found problems)
 * @param scope   {@code run}: one claim's run (backup, retention); {@code job}: a whole scheduled job
 *                (the backup of a schedule's claims, a check, a prune). healthchecks.io pings only
 *                follow jobs, so one claim's success never hides another's failure
 * @param job     what ran: backup, retention, prune, check, drill
 * @param claim   namespace/name or claim key, null for a job or a repository-wide run
 * @param state   the run's or job's end state (ok, partial, failed, suspicious, ...), null for start
 * @param message one line a person can act on; never holds a secret
 * @param runId   the run in the catalogue, or null for a job
 * @param at      when it happened
 */
public record Notification(String event, String scope, String job, String claim, String state, String message,
                           Long runId, Instant at) {
    public static final String RUN = "run";
    public static final String JOB = "job";
}
