package org.claimback.sqlite;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Removes the -wal and -shm that a read-only open of a quiet WAL database makes SQLite create (and
 * leave, since a read-only connection may not checkpoint), without ever taking them from a process
 * that uses the database.
 *
 * <p>Every SQLite connection to a WAL database holds a SHARED lock on the database file as long as
 * it is open (an fcntl read lock on bytes {@code 0x40000002..+510}), and every rollback-mode reader
 * holds it while it reads; a connection that opens the database takes it before it looks for a
 * -wal. So a write lock on that range, taken here with {@code tryLock}, proves no other process has
 * the database open and keeps any from opening it until the files are gone: the same test SQLite
 * makes on its last close before it deletes a -wal. A -wal that is not empty is never removed.
 */
final class CompanionCleanup {
    private static final Logger LOG = LoggerFactory.getLogger(CompanionCleanup.class);
    private static final long SHARED_FIRST = 0x40000000L + 2;
    private static final long SHARED_SIZE = 510;

    private CompanionCleanup() {
    }

    /** The database's companions that exist now. */
    static Set<Path> existing(Path database) {
        return SqliteFinder.companions(database).stream().filter(p -> Files.exists(p, LinkOption.NOFOLLOW_LINKS))
                .collect(Collectors.toUnmodifiableSet());
    }

    /**
     * Removes the -wal (only if empty) and -shm that exist now but not in {@code before}, if no
     * other process has the database open. Call it only after closing every connection of this
     * process to the database (closing a file drops all of a process's fcntl locks on it).
     */
    static void removeCreated(Path database, Set<Path> before) {
        List<Path> companions = SqliteFinder.companions(database);
        List<Path> created = companions.subList(0, 2).stream()
                .filter(p -> !before.contains(p) && Files.exists(p, LinkOption.NOFOLLOW_LINKS)).toList();
        if (created.isEmpty()) {
            return;
        }
        try (FileChannel channel = FileChannel.open(database, StandardOpenOption.READ, StandardOpenOption.WRITE,
                LinkOption.NOFOLLOW_LINKS); FileLock lock = channel.tryLock(SHARED_FIRST, SHARED_SIZE, false)) {
            if (lock == null) {
                LOG.debug("sqlite: leaving {} beside {}: another process has the database open", created, database);
                return;
            }
            for (Path p : created) {
                if (p.equals(companions.get(0)) && Files.size(p) > 0) {
                    LOG.debug("sqlite: leaving {}: it holds transactions", p);
                    continue;
                }
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            LOG.warn("sqlite: could not remove {} that reading {} created: {}", created, database, e.toString());
        }
    }
}
