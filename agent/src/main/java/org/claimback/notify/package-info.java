/**
 * Notifications: webhooks on failure, partial, suspicious and (optionally) success, in the formats
 * of ntfy, healthchecks.io (start/success/fail pings) and a generic JSON POST. Sending never fails
 * or delays a backup, and never logs a target's URL whole (it may hold a secret).
 */
package org.claimback.notify;
