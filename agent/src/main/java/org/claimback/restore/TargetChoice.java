package org.claimback.restore;

import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import org.claimback.outcome.UserError;

/**
 * The rules that choose a restore's target directory when none is given. S is the directory the
 * snapshot was taken of, C the claim's current (newest live) volume:
 * <ul>
 *   <li>no C: refused, the claim has no volume here (create the PVC, or --to-new-pv, or --into DIR);</li>
 *   <li>C is not S (the rebuilt cluster's new volume) and empty: C;</li>
 *   <li>C is S (a layout that reuses one directory) and empty: C;</li>
 *   <li>C not empty: only with --force, which moves its entries aside (never deletes); else refused,
 *       naming --force, --into and --to-new-pv.</li>
 * </ul>
 * The rules are pure ({@link #forClaim}); {@link #entries(Path)} reads the disk for them.
 */
public final class TargetChoice {
    private TargetChoice() {}

    /**
     * @param source         S, the snapshot's source directory
     * @param current        C, or null when the claim has no live volume
     * @param currentEntries entries in C, or -1 when C is not a directory on disk
     */
    public static ChosenTarget forClaim(String claimKey, Path source, Path current, int currentEntries, boolean force) {
        if (current == null || currentEntries < 0) {
            throw UserError.usage("claim " + claimKey + " has no live volume on the exports"
                    + (current == null ? "" : " (" + current + " is gone)") + ": create its PVC in the cluster and run"
                    + " again, or pass --to-new-pv to make a new PV directory, or --into DIR");
        }
        boolean same = current.toAbsolutePath().normalize().equals(source.toAbsolutePath().normalize());
        if (currentEntries == 0) {
            return new ChosenTarget(current, same
                    ? "the claim's volume, empty (the directory the snapshot was taken of)"
                    : "the claim's new empty volume (the rebuilt cluster's; the snapshot was taken of " + source + ")", false);
        }
        if (force) {
            return new ChosenTarget(current, (same ? "the claim's volume (the directory the snapshot was taken of)"
                    : "the claim's current volume") + ", not empty: --force moves its " + currentEntries + " entries aside", true);
        }
        if (same) {
            throw UserError.usage("claim " + claimKey + "'s volume " + current + " is the directory the snapshot was taken of"
                    + " and is not empty (" + currentEntries + " entries): pass --force to move its content aside first,"
                    + " --into DIR to restore elsewhere, or --to-new-pv");
        }
        throw UserError.usage("claim " + claimKey + "'s current volume " + current + " is not empty (" + currentEntries
                + " entries): it is in use with new data (the snapshot was taken of " + source + "); pass --force to move"
                + " its content aside first, --into DIR to restore elsewhere, or --to-new-pv");
    }

    /** A target given by the person ({@code --into}): used as it is, if empty or missing, or with --force. */
    public static ChosenTarget given(Path dir, int entries, boolean force, String reason) {
        if (entries > 0 && !force) {
            throw UserError.usage(dir + " is not empty (" + entries + " entries): restore into an empty directory,"
                    + " or pass --force to move its content aside into " + dir.getFileName() + ".claimback-aside-<time>");
        }
        return new ChosenTarget(dir, entries > 0 ? reason + ", not empty: --force moves its " + entries + " entries aside"
                : reason, entries > 0);
    }

    /** Entries directly in {@code dir}; -1 when it is not a directory (missing, a file, a symbolic link). */
    public static int entries(Path dir) {
        return Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS) ? RestoreTarget.entries(dir).size() : -1;
    }
}
