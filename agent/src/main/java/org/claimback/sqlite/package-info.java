/**
 * Consistent copies of the SQLite databases that live inside a volume, so a backup holds a
 * database an application can start from instead of a live file torn between transactions.
 *
 * <p>{@link org.claimback.sqlite.SqliteFinder} finds databases by their 16-byte header
 * ("SQLite format 3\0"), never by name. {@link org.claimback.sqlite.SqliteCopy} copies one through
 * SQLite's online backup API (sqlite-jdbc) in a single step: every page is read under one read
 * transaction, so the copy is the state after some committed transaction. In WAL mode the copy
 * never blocks a writer; in rollback-journal mode it waits (up to a lock wait) for a moment when no
 * writer holds the lock, and writers wait for the copy while it runs. The copy is a self-contained
 * file (opened alone, without any -wal, it holds every committed transaction it saw), checked with
 * {@code PRAGMA quick_check}, and given the original's owner, group, mode and mtime.
 *
 * <h2>What it owns</h2>
 * <ul>
 *   <li>The read-only SQLite connection to a live database for the length of one copy, and the
 *       destination file and its journal until the copy is done (deleted on any failure).</li>
 *   <li>Removing the -wal/-shm files that opening a quiet WAL database read-only makes SQLite create,
 *       but only while holding the database's SQLite lock that proves no other process has it open
 *       (the same test SQLite makes before it deletes a -wal on its last close); an empty -wal only.</li>
 * </ul>
 *
 * <h2>What it must never do</h2>
 * <ul>
 *   <li>Write to a live database or its -wal/-journal: the database is opened read-only (so SQLite
 *       can neither checkpoint into it nor roll back a crashed writer's hot journal: such a database
 *       is refused), its journal mode is never changed. The one write SQLite makes is to the -shm,
 *       SQLite's shared-memory index, where every reader of a WAL database records which WAL frames
 *       it reads (that is what keeps a checkpoint from overwriting pages it is still reading). The
 *       database file is opened for writing once, after the copy, only to take the fcntl lock for
 *       the check above; nothing is written through it.</li>
 *   <li>Delete or replace anything in a volume except the empty -wal and the -shm it made itself.</li>
 *   <li>Follow a symbolic link, leave the volume's filesystem while searching, or judge a file by
 *       its name.</li>
 *   <li>Leave a partial copy, or a -wal/-shm/-journal beside the copy.</li>
 * </ul>
 */
package org.claimback.sqlite;
