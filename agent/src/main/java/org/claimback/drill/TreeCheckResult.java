package org.claimback.drill;

import java.util.List;

/**
 * What {@link TreeCheck} found.
 *
 * @param listed    entries the snapshot lists
 * @param differing entries that differ (plus one for entries on disk the snapshot does not list)
 * @param shown     the first {@link TreeCheck#SHOWN} differences, as {@code /path: what differs}
 */
public record TreeCheckResult(long listed, long differing, List<String> shown) {

    public boolean ok() {
        return differing == 0;
    }

    /** One line naming the first differences, for the run's error and the drill's result. */
    public String reason(String snapshotShortId) {
        return "the restored tree differs from snapshot " + snapshotShortId + " in " + differing + " of " + listed
                + " entries: " + String.join("; ", shown) + (differing > shown.size() ? "; …" : "")
                + " (the backup may not restore as it was taken: check the disk and restic's messages, then run the drill again)";
    }
}
