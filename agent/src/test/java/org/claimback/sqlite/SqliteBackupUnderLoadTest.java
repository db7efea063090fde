package org.claimback.sqlite;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.claimback.backup.BackupFixture;
import org.claimback.backup.BackupListener;
import org.claimback.backup.RunStates;
import org.claimback.backup.VolumeBackup;
import org.claimback.restic.ResticRun;
import org.claimback.testing.ResticBinaries;
import org.claimback.testing.SqliteWriter;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The judged case end to end: a volume holding two SQLite databases, one in WAL and one in
 * rollback-journal mode, each with a writer process committing continuously, is backed up by the
 * engine again and again while they write; every snapshot, restored with plain restic, holds a
 * sound database file at each original path (no -wal or -journal beside it) with exactly the rows
 * of some committed transaction, and later snapshots hold later transactions.
 */
class SqliteBackupUnderLoadTest {
    private static final int TRIALS = 5;

    @TempDir
    Path tmp;

    static Stream<Path> restic() {
        return ResticBinaries.all().stream();
    }

    @ParameterizedTest(name = "restic {0}")
    @MethodSource("restic")
    void every_backup_taken_under_write_load_restores_committed_prefixes(Path restic) throws Exception {
        try (BackupFixture f = BackupFixture.plain(tmp.resolve("setup"), restic, "")) {
            Path volume = f.setup.export().newVolume("default", "app");
            Path wal = Files.createDirectories(volume.resolve("config")).resolve("app.db");
            Path rollback = Files.createDirectories(volume.resolve("data")).resolve("library.sqlite3");
            Files.writeString(volume.resolve("settings.json"), "{\"theme\": \"dark\"}\n");
            long lastWal = 0;
            long lastRollback = 0;
            try (WriterProcess w1 = WriterProcess.committing(wal, "wal");
                 WriterProcess w2 = WriterProcess.committing(rollback, "delete")) {
                for (int trial = 1; trial <= TRIALS; trial++) {
                    Thread.sleep(300);
                    VolumeBackup result = f.backupEngine().backup(List.of(f.volume("app")), "cli", BackupListener.NONE).get(0);
                    assertEquals(RunStates.OK, result.state(), result::toString);
                    assertEquals("sqlite-online-backup", result.snapshot().consistency());
                    assertEquals("sqlite-online-backup",
                            f.engine.catalog().runById(result.runId()).orElseThrow().consistency());

                    Path target = tmp.resolve("restore-" + trial);
                    ResticRun run = f.engine.restic().run(List.of("restore", result.snapshot().resticId(), "--target",
                            target.toString()), null, line -> { });
                    assertEquals(0, run.exitCode(), String.join("\n", run.stderrTail()));
                    for (String companion : List.of("-wal", "-shm", "-journal")) {
                        assertFalse(Files.exists(target.resolve("config/app.db" + companion)), "no " + companion + " restored");
                        assertFalse(Files.exists(target.resolve("data/library.sqlite3" + companion)), "no " + companion + " restored");
                    }
                    CopiedState walState = CopiedState.of(target.resolve("config/app.db"));
                    CopiedState rollbackState = CopiedState.of(target.resolve("data/library.sqlite3"));
                    assertTrue(walState.isCommittedPrefix(), "trial " + trial + ", WAL: " + walState);
                    assertTrue(rollbackState.isCommittedPrefix(), "trial " + trial + ", rollback journal: " + rollbackState);
                    assertTrue(walState.k() >= lastWal && rollbackState.k() >= lastRollback, "never goes back in time");
                    lastWal = walState.k();
                    lastRollback = rollbackState.k();
                    assertEquals("{\"theme\": \"dark\"}\n", Files.readString(target.resolve("settings.json")));
                }
                assertTrue(w1.alive() && w2.alive(), "the writers were writing all along: " + w1.stderr() + w2.stderr());
            }
            assertTrue(lastWal > SqliteWriter.INITIAL_ROWS && lastRollback > SqliteWriter.INITIAL_ROWS,
                    "the snapshots hold transactions committed during the backups: " + lastWal + ", " + lastRollback);
            try (Stream<Path> copies = Files.list(f.setup.catalog().resolveSibling("sqlite-copies"))) {
                assertEquals(List.of(), copies.toList(), "the copies were removed after each backup");
            }
        }
    }
}
