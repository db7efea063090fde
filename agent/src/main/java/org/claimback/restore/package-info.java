/**
 * Restore: puts one snapshot of a claim into a target directory, then checks that the target
 * holds as many files and bytes as the snapshot recorded.
 *
 * <p>The snapshot is always one of the requested claim's own (chosen from the catalogue by claim,
 * never by "latest" across the repository). A non-empty target is refused unless forced, and
 * forcing moves the existing entries into a dated folder beside the target; nothing is ever
 * deleted. A restore whose check fails is reported as failed, never as complete.
 */
package org.claimback.restore;
