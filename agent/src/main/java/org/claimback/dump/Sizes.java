package org.claimback.dump;

import java.time.Duration;
import java.util.Locale;

/** Byte counts and durations as a person reads them in one-line errors. */
final class Sizes {
    private Sizes() {}

    /** "0 bytes", "812 bytes", "12.3 kB", "12.3 MB", "4.1 GB" (decimal units). */
    static String bytes(long n) {
        if (n < 1000) {
            return n + (n == 1 ? " byte" : " bytes");
        }
        String[] units = {"kB", "MB", "GB", "TB", "PB"};
        double value = n;
        int unit = -1;
        while (value >= 1000 && unit < units.length - 1) {
            value /= 1000;
            unit++;
        }
        return String.format(Locale.ROOT, "%.1f %s", value, units[unit]);
    }

    /** "45 s", "12 min", "6 h". */
    static String duration(Duration d) {
        long s = d.toSeconds();
        if (s < 120) {
            return d.toMillis() < 1000 ? d.toMillis() + " ms" : s + " s";
        }
        return s < 7200 ? (s / 60) + " min" : (s / 3600) + " h";
    }
}
