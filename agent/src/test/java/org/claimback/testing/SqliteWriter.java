package org.claimback.testing;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import org.sqlite.SQLiteConfig;

/**
 * A writer process for SQLite tests, started as {@code java -cp CLASSPATH org.claimback.testing.SqliteWriter DB MODE [hold SECONDS]}.
 *
 * <p>MODE is {@code wal} or {@code delete} (the journal mode). It creates (in DB, which may be an empty
 * file) table {@code a(n, pad)} with an index on {@code pad} and table {@code b(total, last)}, fills
 * {@value #INITIAL_ROWS} rows, prints {@code ready}, then commits transactions until its standard input
 * closes. Transaction n inserts row n, rewrites the pad of a random older row (so index pages all over the
 * file change) and sets {@code b.total = b.total + 1, b.last = n} — so any committed state has rows
 * exactly 1..k with {@code b.total = b.last = k}, and a torn copy breaks that or the index.
 *
 * <p>With {@code hold SECONDS} it instead opens {@code BEGIN EXCLUSIVE}, writes 3 MB with a one-page cache (so
 * changed pages spill into the database file and the -journal holds the originals: killed now, it leaves a
 * hot journal), prints
 * {@code locked}, keeps the lock for that long (or until its standard input closes), rolls back and exits.
 */
public final class SqliteWriter {
    public static final int INITIAL_ROWS = 2000;

    private SqliteWriter() {
    }

    public static void main(String[] args) throws Exception {
        String db = args[0];
        String mode = args[1];
        SQLiteConfig config = new SQLiteConfig();
        config.setBusyTimeout(30_000);
        config.setSynchronous(SQLiteConfig.SynchronousMode.NORMAL);
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db, config.toProperties());
                Statement st = c.createStatement()) {
            st.execute("PRAGMA journal_mode=" + mode);
            if (args.length > 2 && args[2].equals("hold")) {
                hold(c, st, Long.parseLong(args[3]));
                return;
            }
            create(c, st);
            exitWhenStdinCloses();
            System.out.println("ready");
            System.out.flush();
            write(c);
        }
    }

    private static void create(Connection c, Statement st) throws SQLException {
        st.execute("CREATE TABLE IF NOT EXISTS a(n INTEGER PRIMARY KEY, pad BLOB NOT NULL)");
        st.execute("CREATE INDEX IF NOT EXISTS a_pad ON a(pad)");
        st.execute("CREATE TABLE IF NOT EXISTS b(id INTEGER PRIMARY KEY, total INTEGER NOT NULL, last INTEGER NOT NULL)");
        st.execute("INSERT OR IGNORE INTO b VALUES (1, 0, 0)");
        c.setAutoCommit(false);
        st.execute("WITH RECURSIVE s(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM s WHERE i < " + INITIAL_ROWS + ")"
                + " INSERT INTO a(n, pad) SELECT i, randomblob(200) FROM s WHERE (SELECT last FROM b) = 0");
        st.execute("UPDATE b SET total = (SELECT count(*) FROM a), last = (SELECT max(n) FROM a)");
        c.commit();
    }

    private static void write(Connection c) throws SQLException {
        try (PreparedStatement insert = c.prepareStatement(
                "INSERT INTO a(n, pad) VALUES ((SELECT last + 1 FROM b), randomblob(200))");
                PreparedStatement touch = c.prepareStatement(
                        "UPDATE a SET pad = randomblob(200) WHERE n = 1 + abs(random()) % (SELECT last FROM b)");
                PreparedStatement count = c.prepareStatement("UPDATE b SET total = total + 1, last = last + 1")) {
            while (true) {
                insert.executeUpdate();
                touch.executeUpdate();
                count.executeUpdate();
                c.commit();
            }
        }
    }

    private static void hold(Connection c, Statement st, long seconds) throws Exception {
        st.execute("CREATE TABLE IF NOT EXISTS held(x)");
        exitWhenStdinCloses();
        st.execute("PRAGMA cache_size=1");
        st.execute("BEGIN EXCLUSIVE");
        st.execute("WITH RECURSIVE s(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM s WHERE i < 3000)"
                + " INSERT INTO held SELECT randomblob(1000) FROM s");
        System.out.println("locked");
        System.out.flush();
        Thread.sleep(seconds * 1000);
        st.execute("ROLLBACK");
    }

    private static void exitWhenStdinCloses() {
        Thread t = new Thread(() -> {
            try {
                while (System.in.read() >= 0) {
                    // wait for EOF
                }
            } catch (java.io.IOException e) {
                // treat as closed
            }
            System.exit(0);
        }, "stdin-watch");
        t.setDaemon(true);
        t.start();
    }
}
