/**
 * Notifications: POSTs on failure, partial, suspicious, check problems and (when asked) start and
 * success, in the formats of ntfy, healthchecks.io (start/success/fail pings, whole jobs only) and a
 * generic JSON webhook. {@link org.claimback.notify.Notifiers#from} builds the sender from the
 * config's {@code notify:} targets.
 *
 * <p>Sending happens on one daemon thread behind a bounded queue: {@code publish} never throws, never
 * waits for a receiver (a full queue drops and logs), and a failing or silent receiver costs at most
 * its timeout on that thread. Closing waits a bounded time so a command's notifications leave. This
 * package never fails or delays a backup, and never logs a target's URL whole or its token (either
 * may hold a secret): only {@link org.claimback.config.NotifyTarget#redacted()}.
 */
package org.claimback.notify;
