package org.claimback.cli.json;

import java.time.Instant;
import org.claimback.catalog.RunRecord;

/**
 * One run in {@code claimback runs --json}.
 *
 * @param claim      namespace/name or claim key, null for a repository-wide run (check, prune)
 * @param durationSeconds null while it runs
 * @param reason     the error or skip reason, or null
 * @param snapshot   the snapshot it made or used, or null
 * @param detail     more than one line (retention's decisions, a check's findings, hook output), or null
 * @param consistency how a backup run made its volume consistent (fs-snapshot, sqlite-online-backup,
 *                   hook, none, joined with '+'), else null
 * @param files      files a restore or drill wrote, else null
 * @param bytes      their bytes, else null
 * @param bytesAdded what a backup added to the repository, else null
 * @param problems   problems a check found, else null
 */
public record RunJson(long id, String kind, String claim, String state, String trigger, String host, Instant started,
                      Instant ended, Double durationSeconds, String reason, String snapshot, String detail, Long files,
                      Long bytes, Long bytesAdded, Long problems, String consistency) {

    public static RunJson of(RunRecord r, String claim) {
        return new RunJson(r.id(), r.kind(), claim, r.state(), r.trigger(), r.host(), r.startedAt(), r.endedAt(),
                r.duration() == null ? null : r.duration().toMillis() / 1000.0, r.error(), r.snapshotId(), r.detail(),
                r.files(), r.bytes(), r.bytesAdded(), r.problems(), r.consistency());
    }
}
