package org.claimback.restic;

import java.util.Comparator;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A restic version, from {@code restic version} ("restic 0.14.0 compiled with go1.19.8 on
 * linux/amd64"), and what claimback may use on it. Only ask for features through the methods
 * here, so the version differences stay in one place.
 *
 * @param text the whole line restic printed
 */
public record ResticVersion(int major, int minor, int patch, String text) implements Comparable<ResticVersion> {

    /** The oldest version claimback supports (Debian 12's). */
    public static final ResticVersion MINIMUM = new ResticVersion(0, 14, 0, "restic 0.14.0");

    private static final Pattern VERSION = Pattern.compile("^restic (\\d+)\\.(\\d+)\\.(\\d+)\\S*\\s");
    private static final Comparator<ResticVersion> ORDER = Comparator.comparingInt(ResticVersion::major)
            .thenComparingInt(ResticVersion::minor).thenComparingInt(ResticVersion::patch);

    /** Reads the first line of {@code restic version}; empty when it is not one. */
    public static Optional<ResticVersion> parse(String line) {
        String trimmed = line == null ? "" : line.strip();
        Matcher m = VERSION.matcher(trimmed + " ");
        if (!m.find()) {
            return Optional.empty();
        }
        return Optional.of(new ResticVersion(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)),
                Integer.parseInt(m.group(3)), trimmed));
    }

    public boolean atLeast(int major, int minor, int patch) {
        return compareTo(new ResticVersion(major, minor, patch, "")) >= 0;
    }

    public boolean isSupported() {
        return compareTo(MINIMUM) >= 0;
    }

    /** {@code init --json} prints an {@code initialized} message (0.15+; 0.14 prints text). */
    public boolean initSupportsJson() {
        return atLeast(0, 15, 0);
    }

    /** {@code restore --json} prints status and a summary (0.16+; 0.14 ignores the flag). */
    public boolean restoreSupportsJson() {
        return atLeast(0, 16, 0);
    }

    /** {@code check --json} (0.18+). */
    public boolean checkSupportsJson() {
        return atLeast(0, 18, 0);
    }

    /** The backup summary names the full snapshot id (0.15+; 0.14 gives the 8-character short id). */
    public boolean reportsFullSnapshotIds() {
        return atLeast(0, 15, 0);
    }

    /**
     * True when restic knows the {@code device-id-for-hardlinks} feature flag (0.17+): with it,
     * restic stores a file's device only for hard links, so reading a volume through a filesystem
     * snapshot (a device of its own each time) stores no new directory metadata.
     */
    public boolean hasDeviceIdForHardlinksFeature() {
        return atLeast(0, 17, 0);
    }

    /** {@code restore --overwrite}, {@code --delete}, {@code --dry-run} (0.17+). */
    public boolean restoreHasOverwriteOptions() {
        return atLeast(0, 17, 0);
    }

    /** "0.14.0" */
    public String number() {
        return major + "." + minor + "." + patch;
    }

    @Override
    public int compareTo(ResticVersion other) {
        return ORDER.compare(this, other);
    }

    @Override
    public String toString() {
        return "restic " + number();
    }
}
