package org.claimback.restore;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.claimback.outcome.UserError;

/**
 * Reads the time a restore goes back to ({@code --at}): an ISO 8601 time with a zone
 * ({@code 2026-11-20T10:00:00Z}, {@code 2026-11-20T11:00:00+01:00}), a local date-time without a
 * zone read as UTC ({@code 2026-11-20T10:00}), a date meaning the END of that day UTC
 * ({@code 2026-11-20}), or an age before now: {@code 90m}, {@code 12h}, {@code 2d}, {@code 1w}.
 */
public final class SnapshotTime {
    /** For help texts and error messages. */
    public static final String FORMS = "an ISO 8601 time (2026-11-20T10:00:00Z; without a zone it is UTC), a date"
            + " (2026-11-20: the end of that day, UTC) or an age before now (90m, 12h, 2d, 1w)";

    private static final Pattern AGE = Pattern.compile("(\\d{1,6})([mhdw])");

    private SnapshotTime() {}

    public static Instant parse(String text, Instant now) {
        String t = text == null ? "" : text.strip();
        Matcher age = AGE.matcher(t.toLowerCase(Locale.ROOT));
        if (age.matches()) {
            long n = Long.parseLong(age.group(1));
            Duration d = switch (age.group(2)) {
                case "m" -> Duration.ofMinutes(n);
                case "h" -> Duration.ofHours(n);
                case "d" -> Duration.ofDays(n);
                default -> Duration.ofDays(7 * n);
            };
            return now.minus(d);
        }
        try {
            return OffsetDateTime.parse(t).toInstant();
        } catch (DateTimeParseException ignored) {
            // not with a zone
        }
        try {
            return LocalDateTime.parse(t).toInstant(ZoneOffset.UTC);
        } catch (DateTimeParseException ignored) {
            // not a local date-time
        }
        try {
            return LocalDate.parse(t).atTime(LocalTime.MAX).toInstant(ZoneOffset.UTC);
        } catch (DateTimeParseException ignored) {
            // not a date
        }
        throw UserError.usage("--at " + (t.isEmpty() ? "''" : t) + " is not a time: give " + FORMS);
    }
}
