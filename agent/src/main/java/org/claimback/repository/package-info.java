/**
 * Repository access: makes sure restic runs and the configured repository is there before a
 * backup or restore starts, creating a local repository on first use and never a remote one;
 * and gets lock-taking restic calls past restic's locks ({@link org.claimback.repository.StaleLocks}):
 * a lock left by a dead restic on this host is removed with {@code restic unlock} and logged,
 * a live one or another host's is waited for within {@code agent.lockWait}, then reported.
 *
 * <p>It must stay cheap: the common path costs no extra restic call that derives a key. It must
 * never remove a live lock: no {@code unlock --remove-all}, ever.
 */
package org.claimback.repository;
