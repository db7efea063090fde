package org.claimback.restic;

import java.time.Instant;

/**
 * One lock file in the repository, as {@code restic cat lock ID} shows it.
 *
 * @param id        the lock file's id (full)
 * @param time      when restic made it (restic refreshes live locks every 5 minutes)
 * @param exclusive true for forget, prune, check; false for backup, restore, snapshots
 * @param hostname  the host restic ran on (its kernel hostname)
 * @param pid       the restic process on that host
 */
public record ResticLock(String id, Instant time, boolean exclusive, String hostname, String username, long pid) {

    /** e.g. {@code exclusive lock 1a2b3c4d by PID 4711 on nfs1 (root) since 2026-11-25T18:10:07Z}. */
    public String describe() {
        return (exclusive ? "exclusive" : "shared") + " lock " + id.substring(0, Math.min(8, id.length())) + " by PID "
                + pid + " on " + hostname + " (" + username + ") since " + time;
    }
}
