package org.claimback.config;

/**
 * Quartz cron expressions (with seconds) for the agent's jobs; null means the job is off.
 * Per-claim backup schedules are in {@link ClaimRule}.
 *
 * @param backup    the backup of every live volume without a schedule of its own
 * @param drill     the restore drill of one claim per firing, or null: no scheduled drills
 * @param retention restic forget, one claim at a time, by each claim's policy (and the catalogue copies)
 * @param prune     restic prune of the repository, after which forgotten data is gone
 * @param check     restic check of the repository, reading a rotating subset of the data
 */
public record ScheduleConfig(String backup, String drill, String retention, String prune, String check) {

    /** Only backups and drills: what configs before the retention keys meant. */
    public ScheduleConfig(String backup, String drill) {
        this(backup, drill, null, null, null);
    }
}
