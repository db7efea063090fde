package org.claimback.sqlite;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Finding databases in a volume: by header, never through links or into other filesystems. */
class SqliteFinderTest {
    @TempDir
    Path tmp;

    private static Path database(Path file) throws Exception {
        Files.createDirectories(file.getParent());
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file); Statement st = c.createStatement()) {
            st.execute("CREATE TABLE t(x)");
        }
        return file;
    }

    @Test
    void databases_are_found_by_their_header_whatever_their_name() throws Exception {
        Path volume = Files.createDirectories(tmp.resolve("volume"));
        Path notes = database(volume.resolve("notes.txt"));
        Path nested = database(volume.resolve("config/deep/er/library"));
        Files.write(volume.resolve("fake.db"), "not a database, just text that is long enough. ".repeat(40).getBytes());
        byte[] headerOnly = new byte[511];
        System.arraycopy(SqliteHeader.MAGIC, 0, headerOnly, 0, 16);
        Files.write(volume.resolve("tiny.db"), headerOnly);
        Files.write(volume.resolve("empty.db"), new byte[0]);

        assertEquals(List.of(nested, notes), SqliteFinder.find(volume, List.of()));
    }

    @Test
    void symbolic_links_are_not_followed() throws Exception {
        Path volume = Files.createDirectories(tmp.resolve("volume"));
        Path outside = database(tmp.resolve("outside/secret.db"));
        Path inside = database(volume.resolve("app.db"));
        Files.createSymbolicLink(volume.resolve("link.db"), outside);
        Files.createSymbolicLink(volume.resolve("linked-dir"), outside.getParent());
        Files.createSymbolicLink(volume.resolve("self.db"), inside);

        assertEquals(List.of(inside), SqliteFinder.find(volume, List.of()));
    }

    @Test
    void excluded_paths_are_left_out() throws Exception {
        Path volume = Files.createDirectories(tmp.resolve("volume"));
        Path kept = database(volume.resolve("app.db"));
        database(volume.resolve("cache/thumbs.db"));
        Path deeperCache = database(volume.resolve("cache/more/thumbs.db"));
        database(volume.resolve("a/b/c.sqlite"));
        database(volume.resolve("top.sqlite"));

        assertEquals(List.of(kept, deeperCache), SqliteFinder.find(volume, List.of("cache/*.db", "**.sqlite")));
    }

    @Test
    void another_filesystem_mounted_inside_the_volume_is_not_searched() throws Exception {
        Path volume = Files.createDirectories(tmp.resolve("volume"));
        Path kept = database(volume.resolve("app.db"));
        Path mountpoint = Files.createDirectories(volume.resolve("mnt"));
        run("mount", "-t", "tmpfs", "-o", "size=4m", "tmpfs", mountpoint.toString());
        try {
            database(mountpoint.resolve("elsewhere.db"));
            assertEquals(List.of(kept), SqliteFinder.find(volume, List.of()));
        } finally {
            run("umount", mountpoint.toString());
        }
    }

    @Test
    void companions_are_the_wal_shm_and_journal_beside_the_database() {
        Path db = Path.of("/v/data/app.db");
        assertEquals(List.of(Path.of("/v/data/app.db-wal"), Path.of("/v/data/app.db-shm"), Path.of("/v/data/app.db-journal")),
                SqliteFinder.companions(db));
    }

    private static void run(String... command) throws Exception {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IllegalStateException(String.join(" ", command) + " failed: " + out);
        }
    }
}
