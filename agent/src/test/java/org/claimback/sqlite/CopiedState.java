package org.claimback.sqlite;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import org.sqlite.SQLiteConfig;

/**
 * What a copy of a {@link org.claimback.testing.SqliteWriter} database holds, read from the copy
 * alone (opened read-only, with no -wal beside it).
 *
 * @param integrity {@code PRAGMA integrity_check}'s first line ("ok" when sound)
 * @param rows      count(*) of table a
 * @param minN      smallest n in a
 * @param maxN      largest n in a
 * @param total     b.total
 * @param last      b.last
 */
record CopiedState(String integrity, long rows, long minN, long maxN, long total, long last) {

    static CopiedState of(Path copy) throws Exception {
        SQLiteConfig config = new SQLiteConfig();
        config.setReadOnly(true);
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:file:" + copy.toUri().getRawPath() + "?mode=ro",
                config.toProperties()); Statement st = c.createStatement()) {
            String integrity;
            try (ResultSet rs = st.executeQuery("PRAGMA integrity_check")) {
                rs.next();
                integrity = rs.getString(1);
            }
            try (ResultSet rs = st.executeQuery("SELECT (SELECT count(*) FROM a), (SELECT min(n) FROM a),"
                    + " (SELECT max(n) FROM a), total, last FROM b WHERE id = 1")) {
                rs.next();
                return new CopiedState(integrity, rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getLong(4), rs.getLong(5));
            }
        }
    }

    /** Sound, and exactly the rows 1..k of some committed transaction k with b agreeing. */
    boolean isCommittedPrefix() {
        return integrity.equals("ok") && minN == 1 && rows == maxN && total == maxN && last == maxN;
    }

    long k() {
        return maxN;
    }
}
