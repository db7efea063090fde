package org.claimback.sqlite;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.sqlite.JDBC;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteConnection;
import org.sqlite.SQLiteErrorCode;

/**
 * Copies a live SQLite database consistently through SQLite's online backup API, in one step, so
 * the copy is the database as some committed transaction left it.
 */
public final class SqliteCopy {
    private static final Logger LOG = LoggerFactory.getLogger(SqliteCopy.class);
    /** How long one attempt lets SQLite's busy handler wait for a lock before this class looks at the clock and the interrupt flag again. */
    private static final int ATTEMPT_MILLIS = 200;
    private static final int ALL_PAGES = -1;

    private SqliteCopy() {
    }

    /**
     * Makes a transactionally consistent copy of the live database at destination (which must not
     * exist; its parent exists) through SQLite's online backup API (sqlite-jdbc), in ONE step (all
     * pages under one read transaction, so the copy is the state after some committed transaction
     * — never torn), then gives the copy the original's owner, group, permissions and mtime. Never
     * writes to the live database or its -wal/-shm/-journal: open it read-only, never checkpoint,
     * never change its journal mode. Waits up to lockWait while a writer holds a lock that stops
     * the read (rollback-journal mode), retrying; then throws. The copy must be a self-contained
     * file: opening it alone (without any -wal) gives the full committed state. On any failure the
     * partial destination is deleted.
     *
     * @throws SqliteCopyException  one line: which database and why (locked for 60 s, not a database, corrupt, ...)
     * @throws InterruptedException when the calling thread is interrupted (destination deleted)
     */
    public static void copy(Path database, Path destination, Duration lockWait)
            throws SqliteCopyException, InterruptedException {
        Path db = database.toAbsolutePath().normalize();
        Path dest = destination.toAbsolutePath().normalize();
        Map<String, Object> original = originalAttributes(db);
        checkDestination(db, dest);
        Set<Path> before = CompanionCleanup.existing(db);
        long started = System.nanoTime();
        boolean complete = false;
        try {
            backUp(db, dest, lockWait);
            long copied = System.nanoTime();
            check(db, dest);
            giveAttributes(db, dest, original);
            complete = true;
            LOG.debug("sqlite: copied {} to {} in {} ms, checked in {} ms", db, dest, (copied - started) / 1_000_000,
                    (System.nanoTime() - copied) / 1_000_000);
        } finally {
            if (!complete) {
                deleteCopy(dest);
            }
            CompanionCleanup.removeCreated(db, before);
        }
    }

    private static Map<String, Object> originalAttributes(Path db) throws SqliteCopyException {
        Map<String, Object> attrs;
        try {
            attrs = Files.readAttributes(db, "unix:uid,gid,mode,lastModifiedTime,isRegularFile", LinkOption.NOFOLLOW_LINKS);
        } catch (IOException e) {
            throw fail(db, "cannot be read: " + e.getMessage(), e);
        }
        if (!(Boolean) attrs.get("isRegularFile")) {
            throw fail(db, "is not a regular file", null);
        }
        try {
            if (Files.size(db) < SqliteHeader.MIN_SIZE || !SqliteHeader.startsWithMagic(db)) {
                throw fail(db, "is not a SQLite database (no \"SQLite format 3\" header); exclude it with sqlite.exclude", null);
            }
        } catch (IOException e) {
            throw fail(db, "cannot be read: " + e.getMessage(), e);
        }
        return attrs;
    }

    private static void checkDestination(Path db, Path dest) throws SqliteCopyException {
        if (!Files.isDirectory(dest.getParent())) {
            throw fail(db, "cannot be copied to " + dest + ": the directory " + dest.getParent()
                    + " does not exist; create it (sqlite.scratch)", null);
        }
        if (Files.exists(dest, LinkOption.NOFOLLOW_LINKS)
                || SqliteFinder.companions(dest).stream().anyMatch(p -> Files.exists(p, LinkOption.NOFOLLOW_LINKS))) {
            throw fail(db, "cannot be copied to " + dest + ": it (or its -journal/-wal/-shm) already exists; remove it", null);
        }
    }

    /** Runs the online backup in one step, retrying while a writer's lock stops the read, until lockWait has passed. */
    private static void backUp(Path db, Path dest, Duration lockWait) throws SqliteCopyException, InterruptedException {
        long deadline = System.nanoTime() + lockWait.toNanos();
        try (SQLiteConnection source = openReadOnly(db, false)) {
            while (true) {
                if (Thread.interrupted()) {
                    throw new InterruptedException("copying " + db + " was interrupted");
                }
                long leftMillis = Math.max(0, (deadline - System.nanoTime()) / 1_000_000);
                source.setBusyTimeout((int) Math.min(ATTEMPT_MILLIS, leftMillis));
                int rc = source.getDatabase().backup("main", dest.toString(), null, 0, 0, ALL_PAGES);
                int primary = rc & 0xff;
                if (primary == SQLiteErrorCode.SQLITE_OK.code) {
                    return;
                }
                if (primary != SQLiteErrorCode.SQLITE_BUSY.code && primary != SQLiteErrorCode.SQLITE_LOCKED.code) {
                    throw fail(db, describe(rc, dest), null);
                }
                if (System.nanoTime() - deadline >= 0) {
                    throw fail(db, "stayed locked by a writer for " + seconds(lockWait)
                            + " (rollback-journal mode); the writer must commit sooner, or raise sqlite.lockWait", null);
                }
                Thread.sleep(5);
            }
        } catch (SQLException e) {
            throw fail(db, "cannot be opened read-only: " + oneLine(e.getMessage()), e);
        }
    }

    /** {@code PRAGMA quick_check} on the copy, opened immutable so nothing is created beside it. */
    private static void check(Path db, Path dest) throws SqliteCopyException {
        try (SQLiteConnection copy = openReadOnly(dest, true); Statement st = copy.createStatement();
                ResultSet rs = st.executeQuery("PRAGMA quick_check")) {
            String first = rs.next() ? rs.getString(1) : "no answer";
            if (!"ok".equals(first)) {
                throw fail(db, "is corrupt (quick_check: " + oneLine(first)
                        + "); repair it (sqlite3 .recover) or exclude it with sqlite.exclude", null);
            }
        } catch (SQLException e) {
            throw fail(db, "is corrupt (" + oneLine(e.getMessage())
                    + "); repair it (sqlite3 .recover) or exclude it with sqlite.exclude", e);
        }
    }

    private static SQLiteConnection openReadOnly(Path file, boolean immutable) throws SQLException {
        SQLiteConfig config = new SQLiteConfig();
        config.setReadOnly(true);
        Properties props = config.toProperties();
        String url = "jdbc:sqlite:file:" + file.toUri().getRawPath() + (immutable ? "?immutable=1" : "?mode=ro");
        Connection c = JDBC.createConnection(url, props);
        return (SQLiteConnection) c;
    }

    private static void giveAttributes(Path db, Path dest, Map<String, Object> original) throws SqliteCopyException {
        try {
            Files.setAttribute(dest, "unix:uid", original.get("uid"), LinkOption.NOFOLLOW_LINKS);
            Files.setAttribute(dest, "unix:gid", original.get("gid"), LinkOption.NOFOLLOW_LINKS);
            Files.setAttribute(dest, "unix:mode", (Integer) original.get("mode") & 07777, LinkOption.NOFOLLOW_LINKS);
            Files.setLastModifiedTime(dest, (FileTime) original.get("lastModifiedTime"));
        } catch (IOException e) {
            throw fail(db, "was copied, but the copy " + dest + " could not be given its owner, mode and time: "
                    + oneLine(e.getMessage()), e);
        }
    }

    private static void deleteCopy(Path dest) {
        List<Path> files = new ArrayList<>(SqliteFinder.companions(dest));
        files.add(0, dest);
        for (Path p : files) {
            try {
                Files.deleteIfExists(p);
            } catch (IOException e) {
                LOG.warn("sqlite: could not delete the partial copy {}: {}", p, e.toString());
            }
        }
    }

    private static String describe(int rc, Path dest) {
        SQLiteErrorCode code = SQLiteErrorCode.getErrorCode(rc & 0xff);
        switch (code) {
            case SQLITE_NOTADB:
                return "is not a SQLite database (SQLite: " + code.message + "); exclude it with sqlite.exclude";
            case SQLITE_CORRUPT:
                return "is corrupt (SQLite: " + code.message + "); repair it (sqlite3 .recover) or exclude it with sqlite.exclude";
            case SQLITE_FULL:
                return "cannot be copied: the disk holding " + dest.getParent() + " is full; sqlite.scratch needs room for the largest database";
            case SQLITE_CANTOPEN:
                return "cannot be opened read-only (SQLite: " + code.message + "; a WAL database without its -wal and -shm"
                        + " cannot be read on a read-only filesystem, where they cannot be created)";
            case SQLITE_READONLY:
                return "has a hot journal left by a crashed writer, which a read-only copy must not roll back; let its application open it once, then back up again";
            default:
                return "cannot be copied: SQLite error " + rc + " (" + code.message + ")";
        }
    }

    private static String seconds(Duration d) {
        return d.toMillis() % 1000 == 0 ? d.toSeconds() + " s" : d.toMillis() + " ms";
    }

    private static String oneLine(String s) {
        return s == null ? "" : s.replaceAll("\\s*[\\r\\n]+\\s*", " ").strip();
    }

    private static SqliteCopyException fail(Path db, String why, Throwable cause) {
        return new SqliteCopyException("SQLite database " + db + " " + why, cause);
    }
}
