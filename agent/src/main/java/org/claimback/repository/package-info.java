/**
 * Repository access: makes sure restic runs and the configured repository is there before a
 * backup or restore starts, creating a local repository on first use and never a remote one;
 * and gets lock-taking restic calls past restic's locks ({@link org.claimback.repository.StaleLocks}):
 * a lock left by a dead restic on this host is removed with {@code restic unlock} and logged,
 * a live one or another host's is waited for within {@code agent.lockWait}, then reported; and
 * looks at a remote repository's server before a batch starts ({@link org.claimback.repository.Reachability}:
 * one TCP connect, 5 s), so that a server that is down fails the batch at once in one line
 * instead of each volume's restic retrying for up to 15 minutes.
 *
 * <p>It must stay cheap: the common path costs no extra restic call that derives a key. It must
 * never remove a live lock: no {@code unlock --remove-all}, ever. The probe must never call a
 * working repository unreachable: when something else decides the route (an sftp command, an ssh
 * proxy, an HTTP proxy) it does not probe.
 */
package org.claimback.repository;
