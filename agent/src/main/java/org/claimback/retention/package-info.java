/**
 * Retention: restic forget per claim (limited to the claim's tags and this host) by the claim's
 * policy, vetted by small named rules that each give a readable reason (never the claim's last
 * good snapshot; nothing from before an unaccepted shrink); and restic prune on its own schedule.
 * Both are exclusive repository operations: they pass the repository gate alone.
 */
package org.claimback.retention;
