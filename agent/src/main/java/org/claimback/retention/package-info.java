/**
 * Retention: restic forget per claim (limited to the claim's tags and this host) by the claim's
 * policy, vetted by small named rules that each give a readable reason (never the claim's last
 * good snapshot; nothing from before an unaccepted shrink; nothing the catalogue cannot judge);
 * the catalogue copies' --keep-last; the same per-claim policy in each offsite copy ({@link
 * org.claimback.retention.CopyRetention}); and restic prune (of the repository, then of each
 * copy) on its own schedule. All are exclusive repository operations: they pass the repository
 * gate alone, one claim at a time.
 *
 * <p>It must never run a forget without a claim's (or the catalogue copies') tags, never remove a
 * snapshot restic's policy keeps, and never let one claim's failure stop the others.
 */
package org.claimback.retention;
