package org.claimback.consistency;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.claimback.fssnapshot.FsSnapshot;
import org.claimback.restic.MountView;
import org.claimback.sqlite.SqliteCopy;
import org.claimback.sqlite.SqliteCopyException;
import org.claimback.sqlite.SqliteFinder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes a volume ready to be read consistently.
 *
 * <ul>
 *   <li>Read through a filesystem snapshot: the snapshot's copy of the volume is bind-mounted over
 *       the volume's path for restic ({@code fs-snapshot}). SQLite databases in it are as a power cut
 *       would leave them, with their {@code -wal}/{@code -journal}, which SQLite recovers on open; no
 *       copies are made, so every volume of the run stays at the snapshot's one point in time.</li>
 *   <li>Read live: each SQLite database found by its header (unless excluded or the claim opted out)
 *       is copied with SQLite's online backup into {@code scratch/run-ID/}; the copy is bind-mounted
 *       over the live file for restic and the database's {@code -wal}, {@code -shm} and
 *       {@code -journal} are left out ({@code sqlite-online-backup}). A database that cannot be
 *       copied (a writer held its lock past {@code lockWait}) is taken as live files and named in
 *       {@link PreparedVolume#problems()}: the backup is then partial.</li>
 * </ul>
 * Only the live volume is ever read; nothing in it is written.
 */
public final class VolumePreparation {
    private static final Logger LOG = LoggerFactory.getLogger(VolumePreparation.class);

    private final Path scratch;
    private final Duration lockWait;

    public VolumePreparation(Path scratch, Duration lockWait) {
        this.scratch = scratch;
        this.lockWait = lockWait;
    }

    /** Prepares {@code dir} for run {@code runId}; close the result when the backup is over. */
    public PreparedVolume prepare(Path dir, Optional<FsSnapshot> snapshot, ClaimConsistency claim, long runId)
            throws IOException, InterruptedException {
        if (snapshot.isPresent()) {
            Path view = snapshot.get().view(dir);
            return new PreparedVolume(view, new MountView(List.of(new MountView.Bind(view, dir)), List.of()),
                    Set.of(ConsistencyMethod.FS_SNAPSHOT), List.of(), null);
        }
        if (!claim.sqliteCopy()) {
            return PreparedVolume.live(dir);
        }
        List<Path> databases = SqliteFinder.find(dir, claim.sqliteExclude());
        if (databases.isEmpty()) {
            return PreparedVolume.live(dir);
        }
        Path copies = scratch.resolve("run-" + runId);
        createPrivate(copies);
        List<MountView.Bind> binds = new ArrayList<>();
        List<Path> excludes = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        Set<String> methods = new HashSet<>();
        int n = 0;
        try {
            for (Path database : databases) {
                Path copy = copies.resolve(String.format("%04d-%s", ++n, database.getFileName()));
                try {
                    SqliteCopy.copy(database, copy, lockWait);
                } catch (SqliteCopyException e) {
                    LOG.warn("backing up {} as live files: {}", database, e.getMessage());
                    problems.add(e.getMessage());
                    continue;
                }
                binds.add(new MountView.Bind(copy, database));
                excludes.addAll(SqliteFinder.companions(database));
                methods.add(ConsistencyMethod.SQLITE);
            }
        } catch (InterruptedException | RuntimeException e) {
            new PreparedVolume(dir, MountView.LIVE, Set.of(), List.of(), copies).close();
            throw e;
        }
        LOG.info("{}: {} SQLite database(s) copied consistently{}", dir, binds.size(),
                problems.isEmpty() ? "" : ", " + problems.size() + " taken live");
        return new PreparedVolume(dir, new MountView(binds, excludes), methods, problems, copies);
    }

    private static void createPrivate(Path dir) throws IOException {
        Files.createDirectories(dir.getParent());
        try {
            Files.setPosixFilePermissions(dir.getParent(), PosixFilePermissions.fromString("rwx------"));
        } catch (IOException e) {
            LOG.debug("cannot make {} private: {}", dir.getParent(), e.toString());
        }
        Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
    }
}
