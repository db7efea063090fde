package org.claimback.config;

/**
 * How backups run.
 *
 * @param parallel           volumes backed up at once (restic allows concurrent backups into one repository)
 * @param shrinkGuardPercent a new snapshot with fewer files or bytes than this percentage of the
 *                           claim's last good one is flagged suspicious; 0 turns the guard off
 */
public record BackupConfig(int parallel, int shrinkGuardPercent) {
    public static final int DEFAULT_PARALLEL = 2;
    public static final int DEFAULT_SHRINK_GUARD_PERCENT = 10;

    public static BackupConfig defaults() {
        return new BackupConfig(DEFAULT_PARALLEL, DEFAULT_SHRINK_GUARD_PERCENT);
    }
}
