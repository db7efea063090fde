package org.claimback.sqlite;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Arrays;

/** The first 16 bytes every SQLite 3 database file starts with. */
final class SqliteHeader {
    static final byte[] MAGIC = "SQLite format 3\0".getBytes(StandardCharsets.US_ASCII);
    /** The smallest page size, so the smallest possible database file. */
    static final long MIN_SIZE = 512;

    private SqliteHeader() {
    }

    /** Whether the file (never followed if a link) starts with the SQLite header. */
    static boolean startsWithMagic(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file, LinkOption.NOFOLLOW_LINKS)) {
            return Arrays.equals(in.readNBytes(MAGIC.length), MAGIC);
        }
    }
}
