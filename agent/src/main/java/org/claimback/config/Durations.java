package org.claimback.config;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Durations as written in the config: a number and a unit, {@code 30s}, {@code 10m}, {@code 2h}. */
public final class Durations {
    private static final Pattern FORM = Pattern.compile("([0-9]{1,6})\\s*(s|m|h)");

    private Durations() {}

    /** Parses {@code 30s}, {@code 10m} or {@code 2h}; throws {@link IllegalArgumentException} saying how to write it. */
    public static Duration parse(String text) {
        Matcher m = FORM.matcher(text.strip());
        if (!m.matches()) {
            throw new IllegalArgumentException("`" + text + "` is not a duration: write a number and s, m or h, e.g. 30s or 10m");
        }
        long n = Long.parseLong(m.group(1));
        return switch (m.group(2)) {
            case "s" -> Duration.ofSeconds(n);
            case "m" -> Duration.ofMinutes(n);
            default -> Duration.ofHours(n);
        };
    }
}
