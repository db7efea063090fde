package org.claimback.fssnapshot;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A snapshot's name: {@code snapshot-20260101T020003Z-pid4242-boot0f1e2d3c-start123456-1}. The
 * UTC time sorts names by age and helps people; the owner tells leftovers from a live process's
 * snapshots; the counter keeps one process's names apart within a second.
 */
record SnapshotName(Instant time, SnapshotOwner owner, long counter) {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);
    private static final Pattern NAME = Pattern.compile("snapshot-(\\d{8}T\\d{6}Z)-pid(\\d{1,10})-boot([0-9a-f]{8})-start(\\d{1,19})-(\\d{1,19})");

    SnapshotName {
        time = time.truncatedTo(ChronoUnit.SECONDS);
    }

    String format() {
        return "snapshot-" + TIME.format(time) + "-pid" + owner.pid() + "-boot" + owner.bootId() + "-start" + owner.startTicks()
                + "-" + counter;
    }

    /** The name's parts, or empty when {@code name} is not a name {@link #format} makes. */
    static Optional<SnapshotName> parse(String name) {
        Matcher m = NAME.matcher(name);
        if (!m.matches()) {
            return Optional.empty();
        }
        try {
            return Optional.of(new SnapshotName(Instant.from(TIME.parse(m.group(1))),
                    new SnapshotOwner(m.group(3), Long.parseLong(m.group(2)), Long.parseLong(m.group(4))), Long.parseLong(m.group(5))));
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }
}
