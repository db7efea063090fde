package org.claimback.sqlite;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Consistent copies of live databases: under a writer in another process, locked, quiet, broken. */
class SqliteCopyTest {
    private static final int OWNER = 1000;
    private static final int GROUP = 1001;
    private static final int COPIES = 20;

    @TempDir
    Path tmp;

    /** An empty file owned by another user, which SQLite takes as a new database. */
    private Path ownedEmptyDatabase(String name) throws Exception {
        Path volume = Files.createDirectories(tmp.resolve("volume"));
        Path db = Files.createFile(volume.resolve(name));
        Files.setAttribute(db, "unix:uid", OWNER);
        Files.setAttribute(db, "unix:gid", GROUP);
        Files.setAttribute(db, "unix:mode", 0640);
        return db;
    }

    private Path scratch() throws Exception {
        return Files.createDirectories(tmp.resolve("scratch"));
    }

    private static List<String> listing(Path dir) throws Exception {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"wal", "delete"})
    void copies_taken_while_another_process_commits_continuously_are_sound_committed_prefixes(String mode) throws Exception {
        Path db = ownedEmptyDatabase("app.db");
        Path scratch = scratch();
        List<Long> ks = new ArrayList<>();
        try (WriterProcess writer = WriterProcess.committing(db, mode)) {
            for (int i = 0; i < COPIES; i++) {
                Path copy = scratch.resolve("copy-" + i + ".db");
                SqliteCopy.copy(db, copy, Duration.ofSeconds(10));
                Thread.sleep(20);
            }
            assertTrue(writer.alive(), () -> "the writer kept writing beside the copies: " + stderrOf(writer));
        }
        assertEquals(COPIES, listing(scratch).size(), () -> "only the copies, no -wal/-shm/-journal: " + listingOf(scratch));
        for (int i = 0; i < COPIES; i++) {
            Path copy = scratch.resolve("copy-" + i + ".db");
            CopiedState state = CopiedState.of(copy);
            assertTrue(state.isCommittedPrefix(), "copy " + i + " (" + mode + ") is a sound committed prefix: " + state);
            assertEquals(OWNER, Files.getAttribute(copy, "unix:uid"));
            assertEquals(GROUP, Files.getAttribute(copy, "unix:gid"));
            assertEquals(0640, (Integer) Files.getAttribute(copy, "unix:mode") & 07777);
            ks.add(state.k());
        }
        System.out.println("committed transactions seen by the " + mode + " copies: " + ks);
        for (int i = 1; i < ks.size(); i++) {
            assertTrue(ks.get(i) >= ks.get(i - 1), "later copies hold no fewer transactions: " + ks);
        }
        assertTrue(ks.get(ks.size() - 1) > ks.get(0) + COPIES, "the writer committed between the copies: " + ks);
        assertTrue(ks.stream().distinct().count() >= COPIES / 2, "most copies saw a different transaction: " + ks);
        for (Path companion : SqliteFinder.companions(db)) {
            if (Files.exists(companion)) {
                assertEquals(OWNER, Files.getAttribute(companion, "unix:uid"), companion + " belongs to the database's owner");
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"wal", "delete"})
    void a_copy_of_a_quiet_database_leaves_it_untouched_and_carries_its_owner_mode_and_mtime(String mode) throws Exception {
        Path db = ownedEmptyDatabase("quiet.sqlite");
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db); Statement st = c.createStatement()) {
            st.execute("PRAGMA journal_mode=" + mode);
            st.execute("CREATE TABLE t(x)");
            st.execute("INSERT INTO t VALUES (randomblob(3000)), (randomblob(3000))");
        }
        FileTime mtime = FileTime.from(Instant.parse("2024-05-06T07:08:09.123456Z"));
        Files.setLastModifiedTime(db, mtime);
        Map<String, Object> before = Files.readAttributes(db, "unix:*");
        byte[] bytes = Files.readAllBytes(db);
        List<String> volumeBefore = listing(db.getParent());
        Path copy = scratch().resolve("quiet.sqlite");

        SqliteCopy.copy(db, copy, Duration.ofSeconds(1));

        assertEquals(volumeBefore, listing(db.getParent()), "no -wal/-shm/-journal left beside the original");
        assertArrayEquals(bytes, Files.readAllBytes(db), "the original's bytes");
        Map<String, Object> after = Files.readAttributes(db, "unix:*");
        for (String a : List.of("lastModifiedTime", "ctime", "ino", "uid", "gid", "mode", "size")) {
            assertEquals(before.get(a), after.get(a), "the original's " + a);
        }
        assertEquals(List.of("quiet.sqlite"), listing(copy.getParent()), "the copy alone");
        assertEquals(mtime, Files.getLastModifiedTime(copy));
        assertEquals(OWNER, Files.getAttribute(copy, "unix:uid"));
        assertEquals(GROUP, Files.getAttribute(copy, "unix:gid"));
        assertEquals(0640, (Integer) Files.getAttribute(copy, "unix:mode") & 07777);
        assertEquals(bytes.length, Files.size(copy), "the copy has the original's pages");
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:file:" + copy.toUri().getRawPath() + "?immutable=1");
                Statement st = c.createStatement(); var rs = st.executeQuery("SELECT count(*), sum(length(x)) FROM t")) {
            rs.next();
            assertEquals(2, rs.getInt(1));
            assertEquals(6000, rs.getInt(2));
        }
    }

    @Test
    void a_wal_database_whose_writer_died_and_lost_its_shm_is_copied_with_the_transactions_only_in_its_wal() throws Exception {
        Path live = tmp.resolve("live.db");
        Path crashed = Files.createDirectories(tmp.resolve("volume")).resolve("crashed.db");
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + live); Statement st = c.createStatement()) {
            st.execute("PRAGMA journal_mode=wal");
            st.execute("PRAGMA wal_autocheckpoint=0");
            st.execute("CREATE TABLE t(x)");
            for (int i = 0; i < 50; i++) {
                st.execute("INSERT INTO t VALUES (randomblob(500))");
            }
            Files.copy(live, crashed);
            Files.copy(live.resolveSibling("live.db-wal"), crashed.resolveSibling("crashed.db-wal"));
        }
        assertTrue(Files.size(crashed.resolveSibling("crashed.db-wal")) > 50 * 500, "the rows are in the -wal only");
        byte[] db = Files.readAllBytes(crashed);
        byte[] wal = Files.readAllBytes(crashed.resolveSibling("crashed.db-wal"));
        Path copy = scratch().resolve("crashed.db");

        SqliteCopy.copy(crashed, copy, Duration.ofSeconds(1));

        assertArrayEquals(db, Files.readAllBytes(crashed), "the database was not checkpointed into");
        assertArrayEquals(wal, Files.readAllBytes(crashed.resolveSibling("crashed.db-wal")), "the -wal is as it was");

        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + copy); Statement st = c.createStatement();
                var rs = st.executeQuery("SELECT count(*) FROM t")) {
            rs.next();
            assertEquals(50, rs.getInt(1));
        }
        assertEquals(List.of("crashed.db", "crashed.db-wal"), listing(crashed.getParent()),
                "the -wal stays, the -shm made for reading is gone");
    }

    @Test
    void a_writer_holding_an_exclusive_lock_longer_than_the_lock_wait_fails_the_copy_in_about_the_lock_wait() throws Exception {
        Path db = ownedEmptyDatabase("locked.db");
        Path copy = scratch().resolve("locked.db");
        try (WriterProcess writer = WriterProcess.holdingExclusiveLock(db, 15)) {
            long started = System.nanoTime();
            SqliteCopyException e = assertThrows(SqliteCopyException.class,
                    () -> SqliteCopy.copy(db, copy, Duration.ofMillis(1500)));
            long millis = (System.nanoTime() - started) / 1_000_000;
            assertTrue(millis >= 1400 && millis < 3500, "failed after " + millis + " ms");
            assertTrue(e.getMessage().contains(db.toString()) && e.getMessage().contains("locked"), e.getMessage());
            assertFalse(e.getMessage().contains("\n"), e.getMessage());
            assertTrue(writer.alive());
        }
        assertEquals(List.of(), listing(copy.getParent()), "no partial copy");
    }

    @Test
    void an_interrupted_copy_waiting_for_a_lock_stops_at_once_and_leaves_no_destination() throws Exception {
        Path db = ownedEmptyDatabase("locked.db");
        Path copy = scratch().resolve("locked.db");
        try (WriterProcess writer = WriterProcess.holdingExclusiveLock(db, 15)) {
            Thread[] copier = new Thread[1];
            CompletableFuture<Void> done = CompletableFuture.runAsync(() -> {
                copier[0] = Thread.currentThread();
                try {
                    SqliteCopy.copy(db, copy, Duration.ofSeconds(30));
                } catch (Exception e) {
                    throw new java.util.concurrent.CompletionException(e);
                }
            });
            Thread.sleep(700);
            long started = System.nanoTime();
            copier[0].interrupt();
            ExecutionException e = assertThrows(ExecutionException.class, () -> done.get(5, TimeUnit.SECONDS));
            assertTrue(e.getCause() instanceof InterruptedException, e.toString());
            assertTrue((System.nanoTime() - started) / 1_000_000 < 1000, "stopped within a second");
        }
        assertEquals(List.of(), listing(copy.getParent()), "no partial copy");
    }

    @Test
    void a_database_with_a_hot_journal_from_a_crashed_writer_is_refused_and_not_rolled_back() throws Exception {
        Path db = ownedEmptyDatabase("hot.db");
        Path journal = SqliteFinder.companions(db).get(2);
        try (WriterProcess writer = WriterProcess.holdingExclusiveLock(db, 15)) {
            writer.kill();
        }
        assertTrue(Files.size(journal) > 0, "a hot journal");
        byte[] dbBytes = Files.readAllBytes(db);
        byte[] journalBytes = Files.readAllBytes(journal);
        Path copy = scratch().resolve("hot.db");

        SqliteCopyException e = assertThrows(SqliteCopyException.class, () -> SqliteCopy.copy(db, copy, Duration.ofSeconds(1)));

        assertTrue(e.getMessage().contains(db.toString()) && e.getMessage().contains("hot journal"), e.getMessage());
        assertFalse(e.getMessage().contains("\n"), e.getMessage());
        assertArrayEquals(dbBytes, Files.readAllBytes(db), "the database was not rolled back");
        assertArrayEquals(journalBytes, Files.readAllBytes(journal), "the journal is as it was");
        assertEquals(List.of(), listing(copy.getParent()), "no partial copy");
    }

    @Test
    void a_file_that_is_not_a_database_is_refused_in_one_line_naming_it() throws Exception {
        Path notDb = Files.createDirectories(tmp.resolve("volume")).resolve("photos.db");
        Files.write(notDb, new byte[4096]);
        Path copy = scratch().resolve("photos.db");
        SqliteCopyException e = assertThrows(SqliteCopyException.class, () -> SqliteCopy.copy(notDb, copy, Duration.ofSeconds(1)));
        assertTrue(e.getMessage().contains(notDb.toString()) && e.getMessage().contains("not a SQLite database"), e.getMessage());
        assertFalse(e.getMessage().contains("\n"));
        assertFalse(Files.exists(copy));
    }

    @Test
    void a_corrupt_database_is_refused_in_one_line_and_leaves_no_copy() throws Exception {
        Path db = Files.createDirectories(tmp.resolve("volume")).resolve("broken.db");
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db); Statement st = c.createStatement()) {
            st.execute("CREATE TABLE t(x)");
            st.execute("CREATE INDEX t_x ON t(x)");
            st.execute("WITH RECURSIVE s(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM s WHERE i < 2000)"
                    + " INSERT INTO t SELECT randomblob(100) FROM s");
        }
        byte[] bytes = Files.readAllBytes(db);
        for (int i = bytes.length / 2; i < bytes.length / 2 + 8192; i++) {
            bytes[i] = (byte) (i * 31);
        }
        Files.write(db, bytes);
        Path copy = scratch().resolve("broken.db");
        SqliteCopyException e = assertThrows(SqliteCopyException.class, () -> SqliteCopy.copy(db, copy, Duration.ofSeconds(1)));
        assertTrue(e.getMessage().contains(db.toString()) && e.getMessage().contains("corrupt"), e.getMessage());
        assertFalse(e.getMessage().contains("\n"), e.getMessage());
        assertEquals(List.of(), listing(copy.getParent()), "no partial copy");
    }

    @Test
    void an_existing_destination_is_refused_and_kept() throws Exception {
        Path db = ownedEmptyDatabase("app.db");
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db); Statement st = c.createStatement()) {
            st.execute("CREATE TABLE t(x)");
        }
        Path copy = Files.writeString(scratch().resolve("app.db"), "someone else's");
        SqliteCopyException e = assertThrows(SqliteCopyException.class, () -> SqliteCopy.copy(db, copy, Duration.ofSeconds(1)));
        assertTrue(e.getMessage().contains("already exists"), e.getMessage());
        assertEquals("someone else's", Files.readString(copy));
    }

    @Test
    void files_sqlite_made_beside_a_database_are_kept_while_another_process_has_it_open() throws Exception {
        Path db = ownedEmptyDatabase("busy.db");
        try (WriterProcess writer = WriterProcess.committing(db, "wal")) {
            Path wal = SqliteFinder.companions(db).get(0);
            Path shm = SqliteFinder.companions(db).get(1);
            assertTrue(Files.exists(wal) && Files.exists(shm));

            CompanionCleanup.removeCreated(db, Set.of());

            assertTrue(Files.exists(wal, LinkOption.NOFOLLOW_LINKS) && Files.exists(shm, LinkOption.NOFOLLOW_LINKS),
                    "the writer's -wal and -shm are left alone");
            Path copy = scratch().resolve("busy.db");
            SqliteCopy.copy(db, copy, Duration.ofSeconds(5));
            long k = CopiedState.of(copy).k();
            Thread.sleep(300);
            Path later = scratch().resolve("busy-later.db");
            SqliteCopy.copy(db, later, Duration.ofSeconds(5));
            assertTrue(CopiedState.of(later).k() > k, "the writer went on committing into its -wal");
            assertTrue(writer.alive(), () -> stderrOf(writer));
        }
    }

    private static String stderrOf(WriterProcess writer) {
        try {
            return writer.stderr();
        } catch (Exception e) {
            return e.toString();
        }
    }

    private static String listingOf(Path dir) {
        try {
            return listing(dir).toString();
        } catch (Exception e) {
            return e.toString();
        }
    }
}
