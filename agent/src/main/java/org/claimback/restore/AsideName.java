package org.claimback.restore;

import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.function.Predicate;

/**
 * Where claimback moves what it must not delete: {@code <name>.claimback-aside-<UTC
 * yyyyMMdd-HHmmss>} beside the original, with {@code -2}, {@code -3}, ... when that is taken. One
 * naming for a volume's content ({@code restore --force}) and a replaced catalogue alike.
 */
public final class AsideName {
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC);

    private AsideName() {}

    /** The first free aside path for {@code original} at {@code now}; {@code taken} says which are in use. */
    public static Path free(Path original, Instant now, Predicate<Path> taken) {
        String base = original.getFileName() + ".claimback-aside-" + STAMP.format(now);
        Path aside = original.resolveSibling(base);
        for (int n = 2; taken.test(aside); n++) {
            aside = original.resolveSibling(base + "-" + n);
        }
        return aside;
    }
}
