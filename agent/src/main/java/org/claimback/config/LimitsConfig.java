package org.claimback.config;

/**
 * Bandwidth limits passed to every restic call as {@code --limit-upload} / {@code --limit-download},
 * in KiB/s; 0 is no limit.
 */
public record LimitsConfig(int uploadKiBs, int downloadKiBs) {
    public static LimitsConfig none() {
        return new LimitsConfig(0, 0);
    }
}
