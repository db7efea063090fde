package org.claimback.catalog;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Collectors;

import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteOpenMode;

/**
 * The catalogue file: claims, their volumes, runs and snapshots.
 *
 * <p>One object holds one connection; its public methods are synchronized, so threads share it.
 * Other processes may open the same file at the same time (see the package documentation). Every
 * write method is one transaction, or joins the one {@link #inTransaction} opened, so that a sync
 * of thousands of volumes is one commit. Failures reading or writing the file are
 * {@link CatalogException}s; a wrong argument (an unknown state, a volume of another claim) is an
 * {@link IllegalArgumentException}, a bug in the caller.
 */
public final class Catalog implements AutoCloseable {

    static final int BUSY_TIMEOUT_MILLIS = 15_000;

    private static final String DAMAGED_FIX =
            "move it aside and let claimback create a new one (the repository holds the truth)";

    private static final String CLAIM_COLUMNS =
            "c.id, c.claim_key, c.namespace, c.name, c.mapped_by, c.first_seen, c.last_seen";
    private static final String VOLUME_COLUMNS =
            "id, claim_id, export_root, path, pv_name, layout, state, is_current, first_seen, last_seen";
    private static final String RUN_COLUMNS =
            "id, kind, claim_id, volume_id, host, \"trigger\", started_at, ended_at, state, error, snapshot_id, target, files, bytes,"
            + " bytes_added, detail, problems, consistency";
    private static final String SNAPSHOT_COLUMNS =
            "id, restic_id, short_id, claim_id, volume_id, run_id, time, host, source_path, tags, partial,"
            + " files_new, files_changed, files_unmodified, files_total, bytes_total, bytes_added, suspicious, totals_known, consistency";
    private static final String INVENTORY_PV_COLUMNS =
            "id, pv_name, claim_namespace, claim_name, claim_uid, storage_class, capacity, access_modes,"
            + " reclaim_policy, phase, provisioned_by, nfs_server, nfs_path, csi_share, csi_subdir, volume_handle,"
            + " local_path, source, first_seen, last_seen";
    private static final String MAPPING_COLUMNS =
            "id, path, pv_name, namespace, name, source, detail, first_learned, last_confirmed";

    /** The states a run can end in: all but running. */
    private static final List<String> END_STATES =
            RunRecord.STATES.stream().filter(state -> !state.equals("running")).toList();

    private final Path file;
    private final Connection connection;
    private final int schemaVersion;
    private boolean closed;
    /** How many transactions are open on this connection: 0, 1 (the outer one), or more (savepoints). */
    private int depth;

    private Catalog(Path file, Connection connection, int schemaVersion) {
        this.file = file;
        this.connection = connection;
        this.schemaVersion = schemaVersion;
    }

    // ---------------------------------------------------------------------------------- opening

    /** Opens the catalogue, creating it (and its directories, mode 0700) if missing, and migrates it. */
    public static Catalog open(Path file) {
        Path absolute = file.toAbsolutePath();
        createDirectories(absolute.getParent());
        return connect(absolute, true);
    }

    /** Opens an existing catalogue, for commands that only make sense after a backup. */
    public static Catalog openExisting(Path file) {
        Path absolute = file.toAbsolutePath();
        if (!Files.exists(absolute)) {
            throw new CatalogException("no catalogue at " + absolute
                    + ": run a backup first, or check `catalog:` in the config");
        }
        return connect(absolute, false);
    }

    private static void createDirectories(Path directory) {
        if (directory == null || Files.isDirectory(directory)) {
            return;
        }
        try {
            if (directory.getFileSystem().supportedFileAttributeViews().contains("posix")) {
                Files.createDirectories(directory,
                        PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
            } else {
                Files.createDirectories(directory);
            }
        } catch (FileAlreadyExistsException e) {
            throw new CatalogException("cannot create the catalogue's directory " + directory + ": "
                    + e.getFile() + " is not a directory; check `catalog:` in the config", e);
        } catch (IOException e) {
            throw new CatalogException("cannot create the catalogue's directory " + directory + " ("
                    + e + "): create it, or check `catalog:` in the config", e);
        }
    }

    private static Catalog connect(Path file, boolean create) {
        if (Files.isDirectory(file)) {
            throw new CatalogException("catalogue " + file + " is a directory: point `catalog:` in the config at a file");
        }
        SQLiteConfig config = new SQLiteConfig();
        config.setBusyTimeout(BUSY_TIMEOUT_MILLIS);
        if (!create) {
            config.resetOpenMode(SQLiteOpenMode.CREATE);
        }
        Connection connection;
        try {
            connection = config.createConnection("jdbc:sqlite:" + file);
        } catch (SQLException e) {
            throw failure(file, e);
        }
        try {
            pragma(connection, "PRAGMA foreign_keys = ON");
            pragma(connection, "PRAGMA synchronous = NORMAL");
            // The first read of the file: a damaged or foreign file fails here, before anything is written.
            refuseForeignOrNewer(file, connection);
            String mode = pragma(connection, "PRAGMA journal_mode = WAL");
            if (!"wal".equalsIgnoreCase(mode)) {
                throw new CatalogException("catalogue " + file + " cannot use SQLite's WAL mode (got " + mode
                        + "): put it on a local disk (not NFS), or check `catalog:` in the config");
            }
            int version = Migrations.migrate(connection);
            if (version > Migrations.latest()) { // another process upgraded it while we looked
                throw newer(file, version);
            }
            return new Catalog(file, connection, version);
        } catch (SQLException | RuntimeException e) {
            closeQuietly(connection, e);
            throw e instanceof SQLException sql ? failure(file, sql) : (RuntimeException) e;
        }
    }

    private static void refuseForeignOrNewer(Path file, Connection connection) throws SQLException {
        int applicationId;
        int version;
        boolean empty;
        try (Statement statement = connection.createStatement()) {
            statement.execute("BEGIN"); // one view of the file, even while another process creates it
            try {
                applicationId = Migrations.applicationId(connection);
                version = Migrations.userVersion(connection);
                empty = Migrations.isEmpty(connection);
            } catch (SQLException e) {
                Migrations.rollbackQuietly(statement, e);
                throw e;
            }
            statement.execute("COMMIT");
        }
        boolean ours = applicationId == Migrations.APPLICATION_ID;
        if (!ours && (applicationId != 0 || version != 0 || !empty)) {
            throw new CatalogException("catalogue " + file + " is a SQLite database of another program, not a"
                    + " claimback catalogue: point `catalog:` in the config at another file");
        }
        if (version > Migrations.latest()) {
            throw newer(file, version);
        }
    }

    private static CatalogException newer(Path file, int version) {
        return new CatalogException("catalogue " + file + " has schema version " + version
                + ", newer than this claimback (" + Migrations.latest() + "): upgrade claimback");
    }

    private static String pragma(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            if (statement.execute(sql)) {
                try (ResultSet rs = statement.getResultSet()) {
                    return rs.next() ? rs.getString(1) : null;
                }
            }
            return null;
        }
    }

    private static void closeQuietly(Connection connection, Exception failure) {
        try {
            connection.close();
        } catch (SQLException e) {
            failure.addSuppressed(e);
        }
    }

    /** Turns a SQLite error into a one-line message that names the file and the fix. */
    static CatalogException failure(Path file, SQLException e) {
        // sqlite-jdbc says "[SQLITE_NOTADB] File opened that is not ... (file is not a database)": keep SQLite's words.
        String detail = String.valueOf(e.getMessage()).replaceAll("\\s+", " ").trim()
                .replaceFirst("^\\[SQLITE_\\w+] [^(]*\\((.*)\\)$", "$1");
        String message = switch (e.getErrorCode() & 0xff) {
            case 11, 26 -> // SQLITE_CORRUPT, SQLITE_NOTADB
                    "catalogue " + file + " is not a SQLite database or is damaged (" + detail + "): " + DAMAGED_FIX;
            case 5, 6 -> // SQLITE_BUSY, SQLITE_LOCKED
                    "catalogue " + file + " stayed locked by another process for "
                    + BUSY_TIMEOUT_MILLIS / 1000 + " s (" + detail + "): try again, or look for a stuck claimback";
            case 3, 8, 14 -> // SQLITE_PERM, SQLITE_READONLY, SQLITE_CANTOPEN
                    "cannot open catalogue " + file + " (" + detail
                    + "): check that this user may read and write the file and its directory";
            case 13 -> // SQLITE_FULL
                    "catalogue " + file + ": the disk is full (" + detail + "): free some space";
            default -> "catalogue " + file + ": " + detail;
        };
        return new CatalogException(message, e);
    }

    // ---------------------------------------------------------------------------------- about

    /** The absolute path of the catalogue file. */
    public Path file() {
        return file;
    }

    /** The schema version of the file (after migrations). */
    public synchronized int schemaVersion() {
        return schemaVersion;
    }

    /** The value of {@code PRAGMA name} on this connection (for tests and diagnostics). */
    synchronized String pragma(String name) {
        try {
            return pragma(connection, "PRAGMA " + name);
        } catch (SQLException e) {
            throw failure(file, e);
        }
    }

    /**
     * Writes a transactionally consistent copy of this catalogue to {@code copy} (which must not
     * exist) through SQLite's online backup, while other connections may keep writing.
     */
    public synchronized void backupTo(Path copy) {
        Objects.requireNonNull(copy, "copy");
        if (Files.exists(copy)) {
            throw new IllegalArgumentException(copy + " already exists");
        }
        try (Statement statement = connection.createStatement()) {
            statement.executeUpdate("backup to '" + copy.toAbsolutePath().toString().replace("'", "''") + "'");
        } catch (SQLException e) {
            throw new CatalogException("cannot copy the catalogue " + file + " to " + copy + ": " + e.getMessage(), e);
        }
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            connection.close();
        } catch (SQLException e) {
            throw failure(file, e);
        }
    }

    // ---------------------------------------------------------------------------------- claims

    /**
     * Records that the claim {@code claimKey} was seen at {@code seenAt}: inserts it, or updates the
     * stored one. Candidates are replaced. first_seen/last_seen only ever widen (so replaying old
     * snapshots keeps them right). A null namespace/name keeps a stored resolved namespace/name and
     * its mappedBy: not knowing the split now does not make the old knowledge wrong.
     */
    public synchronized ClaimRecord upsertClaim(String claimKey, String namespace, String name, String mappedBy,
                                                List<Candidate> candidates, Instant seenAt) {
        requireText(claimKey, "claimKey");
        if ((namespace == null) != (name == null)) {
            throw new IllegalArgumentException("namespace and name must both be known or both be null, got "
                    + namespace + "/" + name);
        }
        requireOneOf(mappedBy, ClaimRecord.MAPPED_BY, "mappedBy");
        Set<Candidate> distinct = new LinkedHashSet<>(Objects.requireNonNull(candidates, "candidates"));
        Objects.requireNonNull(seenAt, "seenAt");
        return write(() -> {
            // not knowing the split now does not make earlier knowledge wrong: a key that names
            // exactly one known claim (and no claim known only by that key) is that claim
            String identity = identity(claimKey, namespace, name);
            if (namespace == null && queryLong("SELECT id FROM claims WHERE namespace IS NULL AND claim_key = ?", claimKey).isEmpty()) {
                List<ClaimRecord> known = selectClaims("WHERE c.namespace IS NOT NULL AND (c.namespace || '-' || c.name) = ?", claimKey);
                if (known.size() == 1) {
                    identity = identity(claimKey, known.get(0).namespace(), known.get(0).name());
                }
            }
            update("""
                    INSERT INTO claims (claim_key, namespace, name, mapped_by, first_seen, last_seen)
                    VALUES (?, ?, ?, ?, ?, ?)
                    ON CONFLICT (claim_key) DO UPDATE SET
                        mapped_by  = CASE WHEN excluded.namespace IS NULL AND namespace IS NOT NULL
                                          THEN mapped_by ELSE excluded.mapped_by END,
                        namespace  = coalesce(excluded.namespace, namespace),
                        name       = coalesce(excluded.name, name),
                        first_seen = min(first_seen, excluded.first_seen),
                        last_seen  = max(last_seen, excluded.last_seen)
                    """, identity, namespace, name, mappedBy, seenAt, seenAt);
            long id = queryLong("SELECT id FROM claims WHERE claim_key = ?", identity).orElseThrow();
            update("DELETE FROM claim_candidates WHERE claim_id = ?", id);
            for (Candidate candidate : distinct) {
                update("INSERT INTO claim_candidates (claim_id, namespace, name) VALUES (?, ?, ?)",
                        id, candidate.namespace(), candidate.name());
            }
            return selectClaims("WHERE c.id = ?", id).get(0);
        });
    }

    /** All claims, resolved ones by namespace and name, then unresolved ones, each by claim key. */
    public synchronized List<ClaimRecord> claims() {
        return read(() -> selectClaims(""));
    }

    /** The first claim with this claim key; see {@link #claimsWithKey} when two claims may share it. */
    public synchronized Optional<ClaimRecord> claimByKey(String claimKey) {
        return claimsWithKey(claimKey).stream().findFirst();
    }

    /**
     * Every claim whose claim key is {@code claimKey}: known claims whose namespace-name is it (two
     * real claims may share a key: default/test-claim and default-test/claim), and the claim still
     * known only by that key.
     */
    public synchronized List<ClaimRecord> claimsWithKey(String claimKey) {
        return read(() -> selectClaims("WHERE (c.namespace IS NULL AND c.claim_key = ?)"
                + " OR (c.namespace IS NOT NULL AND (c.namespace || '-' || c.name) = ?)", claimKey, claimKey));
    }

    /** The known claim namespace/name. */
    public synchronized Optional<ClaimRecord> claimNamed(String namespace, String name) {
        return read(() -> selectClaims("WHERE c.namespace = ? AND c.name = ?", namespace, name).stream().findFirst());
    }

    /**
     * Adds a claim: known ({@code namespace}/{@code name} set, identified by them) or known only by
     * its claim key (both null, with its candidate splits). See V003 for how identity is stored.
     */
    public synchronized ClaimRecord insertClaim(String claimKey, String namespace, String name, String mappedBy,
                                                List<Candidate> candidates, Instant seenAt) {
        requireText(claimKey, "claimKey");
        checkClaim(namespace, name, mappedBy);
        return write(() -> {
            update("INSERT INTO claims (claim_key, namespace, name, mapped_by, first_seen, last_seen) VALUES (?, ?, ?, ?, ?, ?)",
                    identity(claimKey, namespace, name), namespace, name, mappedBy, seenAt, seenAt);
            long id = queryLong("SELECT id FROM claims WHERE claim_key = ?", identity(claimKey, namespace, name)).orElseThrow();
            replaceCandidates(id, candidates);
            return selectClaims("WHERE c.id = ?", id).get(0);
        });
    }

    /**
     * Updates a claim's namespace/name (resolving a claim known only by its key), how it was
     * mapped, its candidates, and widens last_seen.
     */
    public synchronized ClaimRecord updateClaim(long id, String namespace, String name, String mappedBy,
                                                List<Candidate> candidates, Instant seenAt) {
        checkClaim(namespace, name, mappedBy);
        return write(() -> {
            ClaimRecord current = selectClaims("WHERE c.id = ?", id).stream().findFirst()
                    .orElseThrow(() -> new IllegalArgumentException("no claim with id " + id));
            update("UPDATE claims SET claim_key = ?, namespace = ?, name = ?, mapped_by = ?, last_seen = max(last_seen, ?)"
                    + " WHERE id = ?", identity(current.claimKey(), namespace, name), namespace, name, mappedBy, seenAt, id);
            replaceCandidates(id, candidates);
            return selectClaims("WHERE c.id = ?", id).get(0);
        });
    }

    private void checkClaim(String namespace, String name, String mappedBy) {
        if ((namespace == null) != (name == null)) {
            throw new IllegalArgumentException("namespace and name must both be known or both be null, got "
                    + namespace + "/" + name);
        }
        requireOneOf(mappedBy, ClaimRecord.MAPPED_BY, "mappedBy");
    }

    private void replaceCandidates(long id, List<Candidate> candidates) throws SQLException {
        update("DELETE FROM claim_candidates WHERE claim_id = ?", id);
        for (Candidate candidate : new LinkedHashSet<>(candidates)) {
            update("INSERT INTO claim_candidates (claim_id, namespace, name) VALUES (?, ?, ?)",
                    id, candidate.namespace(), candidate.name());
        }
    }

    /** What claims.claim_key holds since V003: namespace/name when known, else the claim key. */
    private static String identity(String claimKey, String namespace, String name) {
        return namespace == null ? claimKey : namespace + "/" + name;
    }

    public synchronized Optional<ClaimRecord> claimById(long claimId) {
        return read(() -> selectClaims("WHERE c.id = ?", claimId).stream().findFirst());
    }

    /**
     * Claims that are, or may be, {@code namespace/name}: resolved to it, or with it among their
     * candidates. More than one means the request is ambiguous.
     */
    public synchronized List<ClaimRecord> claimsByName(String namespace, String name) {
        return read(() -> selectClaims("""
                WHERE (c.namespace = ? AND c.name = ?)
                   OR c.id IN (SELECT claim_id FROM claim_candidates WHERE namespace = ? AND name = ?)""",
                namespace, name, namespace, name));
    }

    /** Claims matching {@code where} (on table alias c), with their candidates; call inside a transaction. */
    private List<ClaimRecord> selectClaims(String where, Object... values) throws SQLException {
        Map<Long, List<Candidate>> candidates = new HashMap<>();
        try (PreparedStatement statement = Rows.bind(connection.prepareStatement(
                "SELECT claim_id, namespace, name FROM claim_candidates"
                + " WHERE claim_id IN (SELECT c.id FROM claims c " + where + ") ORDER BY namespace, name"), values);
             ResultSet rs = statement.executeQuery()) {
            while (rs.next()) {
                candidates.computeIfAbsent(rs.getLong("claim_id"), id -> new ArrayList<>())
                        .add(new Candidate(rs.getString("namespace"), rs.getString("name")));
            }
        }
        List<ClaimRecord> claims = new ArrayList<>();
        try (PreparedStatement statement = Rows.bind(connection.prepareStatement(
                "SELECT " + CLAIM_COLUMNS + " FROM claims c " + where
                + " ORDER BY c.namespace IS NULL, c.namespace, c.name, c.claim_key"), values);
             ResultSet rs = statement.executeQuery()) {
            while (rs.next()) {
                long id = rs.getLong("id");
                String namespace = rs.getString("namespace");
                String claimKey = namespace == null ? rs.getString("claim_key") : namespace + "-" + rs.getString("name");
                claims.add(new ClaimRecord(id, claimKey, namespace, rs.getString("name"), rs.getString("mapped_by"), candidates.getOrDefault(id, List.of()),
                        Rows.instant(rs, "first_seen"), Rows.instant(rs, "last_seen")));
            }
        }
        return claims;
    }

    // ---------------------------------------------------------------------------------- volumes

    /**
     * Records that the directory {@code path} was seen at {@code seenAt}: inserts it, or updates the
     * stored one (first_seen/last_seen only widen; a null pvName keeps the stored one). A directory
     * that moves to another claim stops being that claim's current volume.
     */
    public synchronized VolumeRecord upsertVolume(long claimId, String exportRoot, String path, String pvName,
                                                  String layout, String state, Instant seenAt) {
        requireText(exportRoot, "exportRoot");
        requireText(path, "path");
        requireText(layout, "layout");
        requireOneOf(state, VolumeRecord.STATES, "state");
        Objects.requireNonNull(seenAt, "seenAt");
        return write(() -> {
            update("""
                    INSERT INTO volumes (claim_id, export_root, path, pv_name, layout, state, first_seen, last_seen)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                    ON CONFLICT (path) DO UPDATE SET
                        is_current  = CASE WHEN claim_id = excluded.claim_id THEN is_current ELSE 0 END,
                        claim_id    = excluded.claim_id,
                        export_root = excluded.export_root,
                        pv_name     = coalesce(excluded.pv_name, pv_name),
                        layout      = excluded.layout,
                        state       = excluded.state,
                        first_seen  = min(first_seen, excluded.first_seen),
                        last_seen   = max(last_seen, excluded.last_seen)
                    """, claimId, exportRoot, path, pvName, layout, state, seenAt, seenAt);
            return selectVolumes("WHERE path = ?", path).get(0);
        });
    }

    /**
     * Marks as {@code missing} the volumes under {@code exportRoot} that a scan starting at
     * {@code now} did not see: those not in {@code seenPaths} and not seen at or after {@code now}
     * (by a concurrent scan). Nothing is deleted. The others under {@code exportRoot} get
     * last_seen {@code now}. Returns how many were marked.
     */
    public synchronized int markMissing(String exportRoot, Collection<String> seenPaths, Instant now) {
        requireText(exportRoot, "exportRoot");
        Set<String> seen = new HashSet<>(seenPaths);
        Objects.requireNonNull(now, "now");
        return write(() -> {
            List<VolumeRecord> gone = selectVolumes("WHERE export_root = ? AND state <> 'missing' AND last_seen < ?",
                    exportRoot, now).stream().filter(v -> !seen.contains(v.path())).toList();
            for (VolumeRecord volume : gone) {
                update("UPDATE volumes SET state = 'missing' WHERE id = ?", volume.id());
            }
            // the rest were seen by this scan: one statement instead of one per volume
            update("UPDATE volumes SET last_seen = max(last_seen, ?) WHERE export_root = ? AND state <> 'missing'",
                    now, exportRoot);
            return gone.size();
        });
    }

    /** Makes {@code volumeId} the one current volume of {@code claimId}. */
    public synchronized void setCurrentVolume(long claimId, long volumeId) {
        write(() -> {
            Optional<Long> owner = queryLong("SELECT claim_id FROM volumes WHERE id = ?", volumeId);
            if (owner.isEmpty() || owner.get() != claimId) {
                throw new IllegalArgumentException("volume " + volumeId + " is not a volume of claim " + claimId);
            }
            // Two statements: the unique index on the current volume is checked row by row.
            update("UPDATE volumes SET is_current = 0 WHERE claim_id = ? AND is_current = 1 AND id <> ?",
                    claimId, volumeId);
            update("UPDATE volumes SET is_current = 1 WHERE id = ?", volumeId);
            return null;
        });
    }

    /**
     * Gives the volume {@code volumeId}, with its snapshots and runs, to the claim {@code newClaimId}:
     * e.g. a volume filed under a provisional claim {@code pvc-<uuid>} that an inventory later
     * names. Snapshots move when they were taken of the volume, or when they have no volume but
     * belong to the old claim and were taken of the volume's path (rebuilt from the repository).
     * The old claim stays. The volume stays current only if it was and the new claim has no current
     * volume: the new claim's current volume never changes here (use {@link #setCurrentVolume}).
     * Moving a volume to its own claim changes nothing.
     *
     * @throws IllegalArgumentException if the volume or the claim does not exist
     */
    public synchronized void moveVolume(long volumeId, long newClaimId) {
        write(() -> {
            VolumeRecord volume = selectVolumes("WHERE id = ?", volumeId).stream().findFirst()
                    .orElseThrow(() -> new IllegalArgumentException("no volume " + volumeId));
            if (queryLong("SELECT id FROM claims WHERE id = ?", newClaimId).isEmpty()) {
                throw new IllegalArgumentException("no claim " + newClaimId);
            }
            long oldClaimId = volume.claimId();
            if (oldClaimId == newClaimId) {
                return null;
            }
            update("""
                    UPDATE volumes SET
                        is_current = CASE WHEN is_current = 1 AND NOT EXISTS
                                (SELECT 1 FROM volumes WHERE claim_id = ?1 AND is_current = 1) THEN 1 ELSE 0 END,
                        claim_id   = ?1
                    WHERE id = ?2""", newClaimId, volumeId);
            update("""
                    UPDATE snapshots SET claim_id = ?1
                    WHERE volume_id = ?2 OR (volume_id IS NULL AND claim_id = ?3 AND source_path = ?4)""",
                    newClaimId, volumeId, oldClaimId, volume.path());
            update("UPDATE runs SET claim_id = ? WHERE volume_id = ?", newClaimId, volumeId);
            return null;
        });
    }

    /** All volumes, by path. */
    /**
     * Records that a volume's directory was renamed (a provisioner archived it as
     * {@code archived-<name>}): same volume, same snapshots, new path.
     */
    public synchronized void renameVolume(long volumeId, String newPath) {
        requireText(newPath, "newPath");
        write(() -> {
            update("UPDATE volumes SET path = ? WHERE id = ?", newPath, volumeId);
            return null;
        });
    }

    public synchronized List<VolumeRecord> volumes() {
        return read(() -> selectVolumes("ORDER BY path"));
    }

    /** The volumes a claim has had, newest first. */
    public synchronized List<VolumeRecord> volumesOf(long claimId) {
        return read(() -> selectVolumes("WHERE claim_id = ? ORDER BY first_seen DESC, id DESC", claimId));
    }

    public synchronized Optional<VolumeRecord> volumeById(long volumeId) {
        return read(() -> selectVolumes("WHERE id = ?", volumeId).stream().findFirst());
    }

    public synchronized Optional<VolumeRecord> volumeByPath(String path) {
        return read(() -> selectVolumes("WHERE path = ?", path).stream().findFirst());
    }

    /** The directories recorded for a PV (more than one when a directory was archived or moved). */
    public synchronized List<VolumeRecord> volumesByPv(String pvName) {
        return read(() -> selectVolumes("WHERE pv_name = ? ORDER BY path", pvName));
    }

    private List<VolumeRecord> selectVolumes(String rest, Object... values) throws SQLException {
        List<VolumeRecord> volumes = new ArrayList<>();
        try (PreparedStatement statement = Rows.bind(connection.prepareStatement(
                "SELECT " + VOLUME_COLUMNS + " FROM volumes " + rest), values);
             ResultSet rs = statement.executeQuery()) {
            while (rs.next()) {
                volumes.add(new VolumeRecord(rs.getLong("id"), rs.getLong("claim_id"), rs.getString("export_root"),
                        rs.getString("path"), rs.getString("pv_name"), rs.getString("layout"), rs.getString("state"),
                        rs.getInt("is_current") == 1, Rows.instant(rs, "first_seen"), Rows.instant(rs, "last_seen")));
            }
        }
        return volumes;
    }

    // ---------------------------------------------------------------------------------- runs

    /** Records the start of a run, in state {@code running}, owned by this process. Returns its id. */
    public synchronized long startRun(String kind, Long claimId, Long volumeId, String host, String trigger,
                                      Instant startedAt) {
        requireOneOf(kind, RunRecord.KINDS, "kind");
        requireText(host, "host");
        requireOneOf(trigger, RunRecord.TRIGGERS, "trigger");
        Objects.requireNonNull(startedAt, "startedAt");
        return write(() -> {
            update("""
                    INSERT INTO runs (kind, claim_id, volume_id, host, "trigger", started_at, state,
                                      process_id, process_started_at)
                    VALUES (?, ?, ?, ?, ?, ?, 'running', ?, ?)""",
                    kind, claimId, volumeId, host, trigger, startedAt, ThisProcess.ID, ThisProcess.STARTED_AT);
            return queryLong("SELECT last_insert_rowid()").orElseThrow();
        });
    }

    /** Records the end of a run: {@code state} is ok, partial, failed or interrupted. */
    public synchronized void finishRun(long runId, String state, String error, String snapshotId, Instant endedAt) {
        requireOneOf(state, END_STATES, "state");
        Objects.requireNonNull(endedAt, "endedAt");
        write(() -> {
            int changed = update("UPDATE runs SET state = ?, error = ?, snapshot_id = ?, ended_at = ? WHERE id = ?",
                    state, error, snapshotId, endedAt, runId);
            if (changed == 0) {
                throw new IllegalArgumentException("no run " + runId);
            }
            return null;
        });
    }

    /**
     * Marks as {@code interrupted} the runs still {@code running} whose process is gone (it crashed
     * or was killed). Runs of live processes, such as a CLI backup beside the agent, are left alone.
     * Returns how many were marked.
     */
    public synchronized int markInterrupted(Instant now) {
        Objects.requireNonNull(now, "now");
        return write(() -> {
            List<Long> orphans = new ArrayList<>();
            try (PreparedStatement statement = connection.prepareStatement(
                    "SELECT id, process_id, process_started_at FROM runs WHERE state = 'running'");
                 ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    if (!ThisProcess.isAlive(Rows.nullableLong(rs, "process_id"), Rows.instant(rs, "process_started_at"))) {
                        orphans.add(rs.getLong("id"));
                    }
                }
            }
            for (long id : orphans) {
                update("UPDATE runs SET state = 'interrupted', ended_at = ?,"
                        + " error = 'claimback stopped before the run finished' WHERE id = ?", now, id);
            }
            return orphans.size();
        });
    }

    /** The latest {@code limit} runs, of one claim or (null) of all, newest first. */
    public synchronized List<RunRecord> runs(Long claimIdOrNull, int limit) {
        if (limit <= 0) {
            throw new IllegalArgumentException("limit must be positive, got " + limit);
        }
        return read(() -> claimIdOrNull == null
                ? selectRuns("ORDER BY started_at DESC, id DESC LIMIT ?", limit)
                : selectRuns("WHERE claim_id = ? ORDER BY started_at DESC, id DESC LIMIT ?", claimIdOrNull, limit));
    }

    public synchronized Optional<RunRecord> runById(long runId) {
        return read(() -> selectRuns("WHERE id = ?", runId).stream().findFirst());
    }

    /** Records where a restore or drill wrote and how many files and bytes it put there. */
    public synchronized void recordRunTarget(long runId, String target, Long files, Long bytes) {
        write(() -> {
            if (update("UPDATE runs SET target = ?, files = ?, bytes = ? WHERE id = ?", target, files, bytes, runId) == 0) {
                throw new IllegalArgumentException("no run " + runId);
            }
            return null;
        });
    }

    /** Records what restic added to the repository for a backup run. */
    public synchronized void recordBytesAdded(long runId, long bytesAdded) {
        updateRun(runId, "bytes_added = ?", bytesAdded);
    }

    /** Records more than one line about a run (retention's decisions, a check's findings). */
    public synchronized void recordRunDetail(long runId, String detail) {
        updateRun(runId, "detail = ?", detail);
    }

    /** Records how a backup run made its volume consistent (see {@link SnapshotRecord#consistency()}). */
    public synchronized void recordRunConsistency(long runId, String consistency) {
        updateRun(runId, "consistency = ?", consistency);
    }

    /** Records how many problems a repository check found (0: clean). */
    public synchronized void recordRunProblems(long runId, long problems) {
        updateRun(runId, "problems = ?", problems);
    }

    private void updateRun(long runId, String assignment, Object value) {
        write(() -> {
            if (update("UPDATE runs SET " + assignment + " WHERE id = ?", value, runId) == 0) {
                throw new IllegalArgumentException("no run " + runId);
            }
            return null;
        });
    }

    /** How many runs ended in each kind and state (running ones not counted): counters for metrics. */
    public synchronized List<RunCount> runCounts() {
        return read(() -> {
            List<RunCount> counts = new ArrayList<>();
            try (PreparedStatement statement = connection.prepareStatement(
                    "SELECT kind, state, count(*) AS n FROM runs WHERE state <> 'running' GROUP BY kind, state ORDER BY kind, state");
                 ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    counts.add(new RunCount(rs.getString("kind"), rs.getString("state"), rs.getLong("n")));
                }
            }
            return counts;
        });
    }

    /** The bytes every backup run ever added to the repository: never goes down. */
    public synchronized long totalBytesAdded() {
        return read(() -> queryLong("SELECT coalesce(sum(bytes_added), 0) FROM runs WHERE kind = 'backup'").orElse(0L));
    }

    /**
     * Each claim's newest finished run of one kind whose state is one of {@code states}, by claim
     * id: e.g. the last backup that left the claim covered ({@code ok} or {@code skipped-unchanged}).
     */
    public synchronized Map<Long, RunRecord> newestRunsOfKindIn(String kind, Collection<String> states) {
        requireOneOf(kind, RunRecord.KINDS, "kind");
        List<String> wanted = List.copyOf(states);
        wanted.forEach(state -> requireOneOf(state, RunRecord.STATES, "state"));
        return read(() -> {
            Map<Long, RunRecord> newest = new HashMap<>();
            String marks = String.join(", ", java.util.Collections.nCopies(wanted.size(), "?"));
            List<Object> values = new ArrayList<>();
            values.add(kind);
            values.addAll(wanted);
            for (RunRecord r : selectRuns("WHERE kind = ? AND claim_id IS NOT NULL AND state IN (" + marks + ")"
                    + " ORDER BY started_at ASC, id ASC", values.toArray())) {
                newest.put(r.claimId(), r);
            }
            return newest;
        });
    }

    /** The newest finished run of a kind with no claim (a check, a prune), if any. */
    public synchronized Optional<RunRecord> newestRepositoryRun(String kind) {
        requireOneOf(kind, RunRecord.KINDS, "kind");
        return read(() -> selectRuns("WHERE kind = ? AND claim_id IS NULL AND state <> 'running'"
                + " ORDER BY started_at DESC, id DESC LIMIT 1", kind).stream().findFirst());
    }

    /** The latest {@code limit} runs of one kind, of one claim or (null) of all, newest first. */
    public synchronized List<RunRecord> runsOfKind(String kind, Long claimIdOrNull, int limit) {
        requireOneOf(kind, RunRecord.KINDS, "kind");
        if (limit <= 0) {
            throw new IllegalArgumentException("limit must be positive, got " + limit);
        }
        return read(() -> claimIdOrNull == null
                ? selectRuns("WHERE kind = ? ORDER BY started_at DESC, id DESC LIMIT ?", kind, limit)
                : selectRuns("WHERE kind = ? AND claim_id = ? ORDER BY started_at DESC, id DESC LIMIT ?", kind,
                        claimIdOrNull, limit));
    }

    /**
     * Each claim's newest finished run of one kind, by claim id; with {@code state} non-null only
     * runs in that state count (e.g. the last successful drill).
     */
    public synchronized Map<Long, RunRecord> newestRunsOfKind(String kind, String stateOrNull) {
        requireOneOf(kind, RunRecord.KINDS, "kind");
        return read(() -> {
            Map<Long, RunRecord> newest = new HashMap<>();
            String where = "WHERE kind = ?1 AND claim_id IS NOT NULL AND state <> 'running'"
                    + (stateOrNull == null ? "" : " AND state = ?2");
            List<RunRecord> runs = stateOrNull == null
                    ? selectRuns(where + " ORDER BY started_at ASC, id ASC", kind)
                    : selectRuns(where + " ORDER BY started_at ASC, id ASC", kind, stateOrNull);
            for (RunRecord r : runs) {
                newest.put(r.claimId(), r);
            }
            return newest;
        });
    }

    private List<RunRecord> selectRuns(String rest, Object... values) throws SQLException {
        List<RunRecord> runs = new ArrayList<>();
        try (PreparedStatement statement = Rows.bind(connection.prepareStatement(
                "SELECT " + RUN_COLUMNS + " FROM runs " + rest), values);
             ResultSet rs = statement.executeQuery()) {
            while (rs.next()) {
                runs.add(new RunRecord(rs.getLong("id"), rs.getString("kind"), Rows.nullableLong(rs, "claim_id"),
                        Rows.nullableLong(rs, "volume_id"), rs.getString("host"), rs.getString("trigger"),
                        Rows.instant(rs, "started_at"), Rows.instant(rs, "ended_at"), rs.getString("state"),
                        rs.getString("error"), rs.getString("snapshot_id"), rs.getString("target"),
                        Rows.nullableLong(rs, "files"), Rows.nullableLong(rs, "bytes"),
                        Rows.nullableLong(rs, "bytes_added"), rs.getString("detail"), Rows.nullableLong(rs, "problems"),
                        rs.getString("consistency")));
            }
        }
        return runs;
    }

    // ---------------------------------------------------------------------------------- snapshots

    /**
     * Stores a snapshot and returns it with its id. A snapshot already stored is returned unchanged,
     * also when restic 0.14 reported it by its short id and it comes back with its full id for the
     * same claim (or the reverse); a stored short id is then replaced by the full one.
     */
    public synchronized SnapshotRecord addSnapshot(SnapshotRecord s) {
        requireText(s.resticId(), "resticId");
        requireText(s.shortId(), "shortId");
        if (!s.resticId().startsWith(s.shortId())) {
            throw new IllegalArgumentException("short id " + s.shortId() + " is not a prefix of " + s.resticId());
        }
        Objects.requireNonNull(s.time(), "time");
        requireText(s.host(), "host");
        requireText(s.sourcePath(), "sourcePath");
        return write(() -> {
            // restic 0.14 reports a new snapshot by its short id, `restic snapshots` by its full id: in
            // one claim, a bare short id and a full id that starts with it name the same snapshot.
            Optional<SnapshotRecord> stored = selectSnapshots("""
                    WHERE restic_id = ?1
                       OR (claim_id = ?3 AND short_id = ?2 AND (restic_id = short_id OR ?1 = ?2))
                    ORDER BY restic_id = ?1 DESC LIMIT 1""",
                    s.resticId(), s.shortId(), s.claimId()).stream().findFirst();
            if (stored.isPresent()) {
                SnapshotRecord old = stored.get();
                if (old.resticId().length() < s.resticId().length()) {
                    update("UPDATE snapshots SET restic_id = ? WHERE id = ?", s.resticId(), old.id());
                    return selectSnapshots("WHERE id = ?", old.id()).get(0);
                }
                return old;
            }
            update("""
                    INSERT INTO snapshots (restic_id, short_id, claim_id, volume_id, run_id, time, host, source_path,
                        tags, partial, files_new, files_changed, files_unmodified, files_total, bytes_total, bytes_added,
                        suspicious, totals_known, consistency)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
                    s.resticId(), s.shortId(), s.claimId(), s.volumeId(), s.runId(), s.time(), s.host(),
                    s.sourcePath(), Rows.tagsJson(s.tags()), s.partial() ? 1 : 0, s.filesNew(), s.filesChanged(),
                    s.filesUnmodified(), s.filesTotal(), s.bytesTotal(), s.bytesAdded(), s.suspicious() ? 1 : 0,
                    s.totalsKnown() ? 1 : 0, s.consistency());
            return selectSnapshots("WHERE id = last_insert_rowid()").get(0);
        });
    }

    /** The snapshots of a claim, newest first. */
    public synchronized List<SnapshotRecord> snapshotsOf(long claimId) {
        return read(() -> selectSnapshots("WHERE claim_id = ? ORDER BY time DESC, id DESC", claimId));
    }

    /** Each claim's newest snapshot (partial or not), by claim id, in one query. */
    public synchronized Map<Long, SnapshotRecord> newestSnapshots() {
        return read(() -> {
            Map<Long, SnapshotRecord> newest = new HashMap<>();
            for (SnapshotRecord s : selectSnapshots("WHERE id IN (SELECT (SELECT id FROM snapshots s2 WHERE s2.claim_id = s1.claim_id"
                    + " ORDER BY time DESC, id DESC LIMIT 1) FROM snapshots s1 GROUP BY claim_id)")) {
                newest.put(s.claimId(), s);
            }
            return newest;
        });
    }

    /**
     * The snapshot with this id, or with a unique id starting with it (as restic accepts). Empty
     * when none matches; a {@link CatalogException} when several do.
     */
    public synchronized Optional<SnapshotRecord> snapshotByResticId(String idOrPrefix) {
        String prefix = idOrPrefix == null ? "" : idOrPrefix.trim().toLowerCase(Locale.ROOT);
        if (!prefix.matches("[0-9a-f]+")) {
            return Optional.empty(); // restic ids are lowercase hex
        }
        List<SnapshotRecord> found = read(() -> selectSnapshots(
                "WHERE substr(restic_id, 1, length(?1)) = ?1 ORDER BY restic_id = ?1 DESC, time DESC, id DESC",
                prefix));
        if (found.size() > 1 && !found.get(0).resticId().equals(prefix)) {
            String some = found.stream().limit(5).map(SnapshotRecord::shortId).collect(Collectors.joining(", "));
            throw new CatalogException("snapshot id " + prefix + " is ambiguous: it matches " + found.size()
                    + " snapshots (" + some + (found.size() > 5 ? ", ..." : "") + "): give more of the id");
        }
        return found.stream().findFirst();
    }

    /** Flags a snapshot as suspicious (the shrink guard) or clears the flag (a person accepted it). */
    public synchronized void setSuspicious(long snapshotId, boolean suspicious) {
        write(() -> {
            if (update("UPDATE snapshots SET suspicious = ? WHERE id = ?", suspicious ? 1 : 0, snapshotId) == 0) {
                throw new IllegalArgumentException("no snapshot " + snapshotId);
            }
            return null;
        });
    }

    /** Stores totals learned later (e.g. counted with {@code restic ls}) and marks them known. */
    public synchronized void setSnapshotTotals(long snapshotId, long filesTotal, long bytesTotal) {
        write(() -> {
            if (update("UPDATE snapshots SET files_total = ?, bytes_total = ?, totals_known = 1 WHERE id = ?",
                    filesTotal, bytesTotal, snapshotId) == 0) {
                throw new IllegalArgumentException("no snapshot " + snapshotId);
            }
            return null;
        });
    }

    /** Every snapshot, newest first. */
    public synchronized List<SnapshotRecord> snapshots() {
        return read(() -> selectSnapshots("ORDER BY time DESC, id DESC"));
    }

    private List<SnapshotRecord> selectSnapshots(String rest, Object... values) throws SQLException {
        List<SnapshotRecord> snapshots = new ArrayList<>();
        try (PreparedStatement statement = Rows.bind(connection.prepareStatement(
                "SELECT " + SNAPSHOT_COLUMNS + " FROM snapshots " + rest), values);
             ResultSet rs = statement.executeQuery()) {
            while (rs.next()) {
                snapshots.add(new SnapshotRecord(rs.getLong("id"), rs.getString("restic_id"), rs.getString("short_id"),
                        rs.getLong("claim_id"), Rows.nullableLong(rs, "volume_id"), Rows.nullableLong(rs, "run_id"),
                        Rows.instant(rs, "time"), rs.getString("host"), rs.getString("source_path"),
                        Rows.tags(rs.getString("tags")), rs.getInt("partial") == 1, rs.getLong("files_new"),
                        rs.getLong("files_changed"), rs.getLong("files_unmodified"), rs.getLong("files_total"),
                        rs.getLong("bytes_total"), rs.getLong("bytes_added"), rs.getInt("suspicious") == 1,
                        rs.getInt("totals_known") == 1, rs.getString("consistency")));
            }
        }
        return snapshots;
    }

    // ---------------------------------------------------------------------------------- dumps

    private static final String DUMP_COLUMNS = "id, restic_id, short_id, claim_id, run_id, name, time, host, bytes, state, error";

    /**
     * Stores a dump and returns it with its id. A dump whose snapshot is already stored (same restic
     * id) is returned unchanged: rebuilding from the repository twice adds nothing.
     */
    public synchronized DumpRecord addDump(DumpRecord d) {
        requireText(d.name(), "name");
        Objects.requireNonNull(d.time(), "time");
        requireText(d.host(), "host");
        return write(() -> {
            if (d.resticId() != null) {
                Optional<DumpRecord> stored = selectDumps(
                        "WHERE restic_id = ?1 OR (claim_id = ?2 AND short_id = ?3 AND (restic_id = short_id OR ?1 = ?3))",
                        d.resticId(), d.claimId(), d.shortId()).stream().findFirst();
                if (stored.isPresent()) {
                    return stored.get();
                }
            }
            update("INSERT INTO dumps (restic_id, short_id, claim_id, run_id, name, time, host, bytes, state, error)"
                            + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    d.resticId(), d.shortId(), d.claimId(), d.runId(), d.name(), d.time(), d.host(), d.bytes(), d.state(),
                    d.error());
            return selectDumps("WHERE id = last_insert_rowid()").get(0);
        });
    }

    /** The dumps of a claim, of every state, newest first. */
    public synchronized List<DumpRecord> dumpsOf(long claimId) {
        return read(() -> selectDumps("WHERE claim_id = ? ORDER BY time DESC, id DESC", claimId));
    }

    /** Failed dumps whose snapshot is still in the repository: to be forgotten, oldest first. */
    public synchronized List<DumpRecord> dumpsToForget() {
        return read(() -> selectDumps("WHERE state = 'failed' AND restic_id IS NOT NULL ORDER BY time, id"));
    }

    /** Marks a failed dump's snapshot as forgotten from the repository. */
    public synchronized void markDumpForgotten(long dumpId) {
        write(() -> {
            if (update("UPDATE dumps SET state = 'forgotten' WHERE id = ?", dumpId) == 0) {
                throw new IllegalArgumentException("no dump " + dumpId);
            }
            return null;
        });
    }

    /** Deletes the rows of dumps whose snapshots retention forgot; returns how many went. */
    public synchronized int deleteDumps(List<String> resticIds) {
        return write(() -> {
            int n = 0;
            for (String id : resticIds) {
                n += update("DELETE FROM dumps WHERE restic_id = ?", id);
            }
            return n;
        });
    }

    private List<DumpRecord> selectDumps(String rest, Object... values) throws SQLException {
        List<DumpRecord> dumps = new ArrayList<>();
        try (PreparedStatement statement = Rows.bind(connection.prepareStatement(
                "SELECT " + DUMP_COLUMNS + " FROM dumps " + rest), values);
             ResultSet rs = statement.executeQuery()) {
            while (rs.next()) {
                dumps.add(new DumpRecord(rs.getLong("id"), rs.getString("restic_id"), rs.getString("short_id"),
                        rs.getLong("claim_id"), Rows.nullableLong(rs, "run_id"), rs.getString("name"),
                        Rows.instant(rs, "time"), rs.getString("host"), rs.getLong("bytes"), rs.getString("state"),
                        rs.getString("error")));
            }
        }
        return dumps;
    }

    // ---------------------------------------------------------------------------------- offsite copies

    private static final String COPY_COLUMNS = "restic_id, copy_name, copy_restic_id, time, copied_at, run_id";

    /** Records that a copy holds a snapshot; a second record for the same snapshot and copy replaces the first. */
    public synchronized void addCopy(CopyRecord c) {
        requireText(c.resticId(), "resticId");
        requireText(c.copyName(), "copyName");
        requireText(c.copyResticId(), "copyResticId");
        Objects.requireNonNull(c.time(), "time");
        Objects.requireNonNull(c.copiedAt(), "copiedAt");
        write(() -> {
            update("DELETE FROM snapshot_copies WHERE copy_name = ? AND copy_restic_id = ?", c.copyName(), c.copyResticId());
            update("INSERT OR REPLACE INTO snapshot_copies (" + COPY_COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?)",
                    c.resticId(), c.copyName(), c.copyResticId(), c.time(), c.copiedAt(), c.runId());
            return null;
        });
    }

    /** The copies holding the snapshot {@code resticId} (as the catalogue stores it), by copy name. */
    public synchronized List<CopyRecord> copiesOf(String resticId) {
        return read(() -> selectCopies("WHERE restic_id = ? ORDER BY copy_name", resticId));
    }

    /** Everything one copy holds, newest first. */
    public synchronized List<CopyRecord> copiesIn(String copyName) {
        return read(() -> selectCopies("WHERE copy_name = ? ORDER BY time DESC, restic_id", copyName));
    }

    /** The newest snapshot time one copy holds, if it holds any. */
    public synchronized Optional<Instant> newestCopied(String copyName) {
        return read(() -> selectCopies("WHERE copy_name = ? ORDER BY time DESC LIMIT 1", copyName).stream()
                .findFirst().map(CopyRecord::time));
    }

    /** Forgets that a copy holds these snapshots (given by their id in the copy); returns how many rows went. */
    public synchronized int deleteCopies(String copyName, Collection<String> copyResticIds) {
        List<String> ids = List.copyOf(copyResticIds);
        return write(() -> {
            int n = 0;
            for (String id : ids) {
                n += update("DELETE FROM snapshot_copies WHERE copy_name = ? AND copy_restic_id = ?", copyName, id);
            }
            return n;
        });
    }

    private List<CopyRecord> selectCopies(String rest, Object... values) throws SQLException {
        List<CopyRecord> copies = new ArrayList<>();
        try (PreparedStatement statement = Rows.bind(connection.prepareStatement(
                "SELECT " + COPY_COLUMNS + " FROM snapshot_copies " + rest), values);
             ResultSet rs = statement.executeQuery()) {
            while (rs.next()) {
                copies.add(new CopyRecord(rs.getString("restic_id"), rs.getString("copy_name"),
                        rs.getString("copy_restic_id"), Rows.instant(rs, "time"), Rows.instant(rs, "copied_at"),
                        Rows.nullableLong(rs, "run_id")));
            }
        }
        return copies;
    }

    // ---------------------------------------------------------------------------------- fingerprints

    /** The fingerprint taken before the volume's last good backup, if any. */
    public synchronized Optional<FingerprintRecord> fingerprintOf(long volumeId) {
        return read(() -> {
            try (PreparedStatement statement = Rows.bind(connection.prepareStatement(
                    "SELECT volume_id, fingerprint, files, bytes, snapshot_id, taken_at FROM fingerprints WHERE volume_id = ?"),
                    volumeId);
                 ResultSet rs = statement.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                return Optional.of(new FingerprintRecord(rs.getLong("volume_id"), rs.getString("fingerprint"),
                        rs.getLong("files"), rs.getLong("bytes"), rs.getString("snapshot_id"), Rows.instant(rs, "taken_at")));
            }
        });
    }

    /** Stores (replaces) a volume's fingerprint after a good backup. */
    public synchronized void putFingerprint(FingerprintRecord f) {
        requireText(f.fingerprint(), "fingerprint");
        requireText(f.snapshotId(), "snapshotId");
        Objects.requireNonNull(f.takenAt(), "takenAt");
        write(() -> update("""
                INSERT INTO fingerprints (volume_id, fingerprint, files, bytes, snapshot_id, taken_at)
                VALUES (?, ?, ?, ?, ?, ?)
                ON CONFLICT (volume_id) DO UPDATE SET fingerprint = excluded.fingerprint, files = excluded.files,
                    bytes = excluded.bytes, snapshot_id = excluded.snapshot_id, taken_at = excluded.taken_at""",
                f.volumeId(), f.fingerprint(), f.files(), f.bytes(), f.snapshotId(), f.takenAt()));
    }

    /** Forgets a volume's fingerprint, so its next backup runs restic whatever a scan says. */
    public synchronized void forgetFingerprint(long volumeId) {
        write(() -> update("DELETE FROM fingerprints WHERE volume_id = ?", volumeId));
    }

    // ---------------------------------------------------------------------------------- shrinks

    /** Records a shrink the guard found. {@code snapshotId} is null when the volume was empty. */
    public synchronized ShrinkRecord addShrink(long claimId, Instant detectedAt, Long runId, String snapshotId, String reason) {
        Objects.requireNonNull(detectedAt, "detectedAt");
        requireText(reason, "reason");
        return write(() -> {
            update("INSERT INTO shrinks (claim_id, detected_at, run_id, snapshot_id, reason) VALUES (?, ?, ?, ?, ?)",
                    claimId, detectedAt, runId, snapshotId, reason);
            long id = queryLong("SELECT last_insert_rowid()").orElseThrow();
            return selectShrinks("WHERE id = ?", id).get(0);
        });
    }

    /** Shrinks no person has accepted yet, oldest first; of one claim or (null) of all. */
    public synchronized List<ShrinkRecord> pendingShrinks(Long claimIdOrNull) {
        return read(() -> claimIdOrNull == null
                ? selectShrinks("WHERE accepted_at IS NULL ORDER BY detected_at, id")
                : selectShrinks("WHERE accepted_at IS NULL AND claim_id = ? ORDER BY detected_at, id", claimIdOrNull));
    }

    /** Every shrink of a claim, accepted or not, oldest first. */
    public synchronized List<ShrinkRecord> shrinksOf(long claimId) {
        return read(() -> selectShrinks("WHERE claim_id = ? ORDER BY detected_at, id", claimId));
    }

    /**
     * A person accepts a claim's shrinks ({@code claimback accept}): its pending shrinks are marked
     * accepted and its suspicious snapshots become ordinary ones, in one transaction. Returns the
     * shrinks accepted (none when there was nothing to accept).
     */
    public synchronized List<ShrinkRecord> acceptShrinks(long claimId, Instant now) {
        Objects.requireNonNull(now, "now");
        return write(() -> {
            List<ShrinkRecord> pending = selectShrinks("WHERE accepted_at IS NULL AND claim_id = ? ORDER BY detected_at, id", claimId);
            update("UPDATE shrinks SET accepted_at = ? WHERE accepted_at IS NULL AND claim_id = ?", now, claimId);
            update("UPDATE snapshots SET suspicious = 0 WHERE suspicious = 1 AND claim_id = ?", claimId);
            return pending;
        });
    }

    private List<ShrinkRecord> selectShrinks(String rest, Object... values) throws SQLException {
        List<ShrinkRecord> shrinks = new ArrayList<>();
        try (PreparedStatement statement = Rows.bind(connection.prepareStatement(
                "SELECT id, claim_id, detected_at, run_id, snapshot_id, reason, accepted_at FROM shrinks " + rest), values);
             ResultSet rs = statement.executeQuery()) {
            while (rs.next()) {
                shrinks.add(new ShrinkRecord(rs.getLong("id"), rs.getLong("claim_id"), Rows.instant(rs, "detected_at"),
                        Rows.nullableLong(rs, "run_id"), rs.getString("snapshot_id"), rs.getString("reason"),
                        Rows.instant(rs, "accepted_at")));
            }
        }
        return shrinks;
    }

    // ---------------------------------------------------------------------------------- inventory

    /**
     * Stores what an inventory said about a PV: inserts it, or updates the stored one with the same
     * name. {@code r.lastSeen()} is when the inventory listed it (required); {@code r.firstSeen()}
     * may be null (then lastSeen); {@code r.id()} is ignored. first_seen/last_seen only widen. The
     * fields are replaced by the newer description only: replaying an older inventory file widens
     * first_seen and changes nothing else. A null localPath keeps the stored one (the directory it
     * was matched to before does not stop being its directory because it is not found now).
     * Returns the stored record.
     */
    public synchronized InventoryPvRecord putInventoryPv(InventoryPvRecord r) {
        Objects.requireNonNull(r, "r");
        requireText(r.pvName(), "pvName");
        if ((r.claimNamespace() == null) != (r.claimName() == null)) {
            throw new IllegalArgumentException("claimNamespace and claimName must both be known or both be null, got "
                    + r.claimNamespace() + "/" + r.claimName());
        }
        requireText(r.source(), "source");
        Instant lastSeen = Objects.requireNonNull(r.lastSeen(), "lastSeen");
        Instant firstSeen = r.firstSeen() == null ? lastSeen : r.firstSeen();
        if (firstSeen.isAfter(lastSeen)) {
            throw new IllegalArgumentException("firstSeen " + firstSeen + " is after lastSeen " + lastSeen);
        }
        return write(() -> {
            update("""
                    INSERT INTO inventory_pvs (pv_name, claim_namespace, claim_name, claim_uid, storage_class, capacity,
                        access_modes, reclaim_policy, phase, provisioned_by, nfs_server, nfs_path, csi_share, csi_subdir,
                        volume_handle, local_path, source, first_seen, last_seen)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                    ON CONFLICT (pv_name) DO UPDATE SET
                        claim_namespace = excluded.claim_namespace,
                        claim_name      = excluded.claim_name,
                        claim_uid       = excluded.claim_uid,
                        storage_class   = excluded.storage_class,
                        capacity        = excluded.capacity,
                        access_modes    = excluded.access_modes,
                        reclaim_policy  = excluded.reclaim_policy,
                        phase           = excluded.phase,
                        provisioned_by  = excluded.provisioned_by,
                        nfs_server      = excluded.nfs_server,
                        nfs_path        = excluded.nfs_path,
                        csi_share       = excluded.csi_share,
                        csi_subdir      = excluded.csi_subdir,
                        volume_handle   = excluded.volume_handle,
                        local_path      = coalesce(excluded.local_path, local_path),
                        source          = excluded.source,
                        first_seen      = min(first_seen, excluded.first_seen),
                        last_seen       = excluded.last_seen
                    WHERE excluded.last_seen >= inventory_pvs.last_seen
                    """, r.pvName(), r.claimNamespace(), r.claimName(), r.claimUid(), r.storageClass(), r.capacity(),
                    Rows.tagsJson(r.accessModes()), r.reclaimPolicy(), r.phase(), r.provisionedBy(), r.nfsServer(),
                    r.nfsPath(), r.csiShare(), r.csiSubdir(), r.volumeHandle(), r.localPath(), r.source(),
                    firstSeen, lastSeen);
            // An older description changed nothing above; it may still know of an earlier sighting.
            update("UPDATE inventory_pvs SET first_seen = ? WHERE pv_name = ? AND first_seen > ?",
                    firstSeen, r.pvName(), firstSeen);
            return selectInventoryPvs("WHERE pv_name = ?", r.pvName()).get(0);
        });
    }

    /** Every PV an inventory ever listed, by name. */
    public synchronized List<InventoryPvRecord> inventoryPvs() {
        return read(() -> selectInventoryPvs("ORDER BY pv_name"));
    }

    public synchronized Optional<InventoryPvRecord> inventoryPv(String pvName) {
        return read(() -> selectInventoryPvs("WHERE pv_name = ?", pvName).stream().findFirst());
    }

    /**
     * The PV whose directory is {@code localPath}; when several were (a directory reused by a
     * statically provisioned PV after a rebuild, or a templated subdir), the one listed last.
     */
    public synchronized Optional<InventoryPvRecord> inventoryPvAt(String localPath) {
        return read(() -> selectInventoryPvs("WHERE local_path = ? ORDER BY last_seen DESC, id DESC LIMIT 1",
                localPath).stream().findFirst());
    }

    /** The PV an inventory most recently listed as bound to namespace/name, if any. */
    public synchronized Optional<InventoryPvRecord> newestInventoryPvOfClaim(String namespace, String name) {
        return read(() -> selectInventoryPvs("WHERE claim_namespace = ? AND claim_name = ? ORDER BY last_seen DESC, id DESC"
                + " LIMIT 1", namespace, name).stream().findFirst());
    }

    private List<InventoryPvRecord> selectInventoryPvs(String rest, Object... values) throws SQLException {
        List<InventoryPvRecord> pvs = new ArrayList<>();
        try (PreparedStatement statement = Rows.bind(connection.prepareStatement(
                "SELECT " + INVENTORY_PV_COLUMNS + " FROM inventory_pvs " + rest), values);
             ResultSet rs = statement.executeQuery()) {
            while (rs.next()) {
                pvs.add(new InventoryPvRecord(rs.getLong("id"), rs.getString("pv_name"),
                        rs.getString("claim_namespace"), rs.getString("claim_name"), rs.getString("claim_uid"),
                        rs.getString("storage_class"), rs.getString("capacity"), Rows.tags(rs.getString("access_modes")),
                        rs.getString("reclaim_policy"), rs.getString("phase"), rs.getString("provisioned_by"),
                        rs.getString("nfs_server"), rs.getString("nfs_path"), rs.getString("csi_share"),
                        rs.getString("csi_subdir"), rs.getString("volume_handle"), rs.getString("local_path"),
                        rs.getString("source"), Rows.instant(rs, "first_seen"), Rows.instant(rs, "last_seen")));
            }
        }
        return pvs;
    }

    // ---------------------------------------------------------------------------------- mappings

    /**
     * Remembers that the directory {@code path} belongs to the claim {@code namespace/name}, as
     * {@code source} said at {@code at}: inserts the mapping, or confirms the stored one with the same
     * path, source and claim. first_learned/last_confirmed only widen; a null pvName keeps the stored
     * one; detail is the newest confirmation's (a null detail keeps the stored one). Mappings are never
     * changed to say something else: a different claim for the same path is another mapping.
     *
     * @param source one of {@link MappingRecord#SOURCES}
     */
    public synchronized MappingRecord rememberMapping(String path, String pvName, String namespace, String name,
                                                      String source, String detail, Instant at) {
        requireText(path, "path");
        requireText(namespace, "namespace");
        requireText(name, "name");
        requireOneOf(source, MappingRecord.SOURCES, "source");
        Objects.requireNonNull(at, "at");
        return write(() -> {
            update("""
                    INSERT INTO mappings (path, pv_name, namespace, name, source, detail, first_learned, last_confirmed)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                    ON CONFLICT (path, source, namespace, name) DO UPDATE SET
                        pv_name        = CASE WHEN excluded.pv_name IS NULL THEN pv_name
                                              WHEN pv_name IS NULL OR excluded.last_confirmed >= last_confirmed
                                              THEN excluded.pv_name ELSE pv_name END,
                        detail         = CASE WHEN excluded.detail IS NULL THEN detail
                                              WHEN detail IS NULL OR excluded.last_confirmed >= last_confirmed
                                              THEN excluded.detail ELSE detail END,
                        first_learned  = min(first_learned, excluded.first_learned),
                        last_confirmed = max(last_confirmed, excluded.last_confirmed)
                    """, path, pvName, namespace, name, source, detail, at, at);
            return selectMappings("WHERE path = ? AND source = ? AND namespace = ? AND name = ?",
                    path, source, namespace, name).get(0);
        });
    }

    /** What is remembered about {@code path}: every mapping, the most recently confirmed first. */
    public synchronized List<MappingRecord> mappingsAt(String path) {
        return read(() -> selectMappings("WHERE path = ? ORDER BY last_confirmed DESC, id DESC", path));
    }

    /** Every remembered mapping, by path, then the most recently confirmed first. */
    public synchronized List<MappingRecord> mappings() {
        return read(() -> selectMappings("ORDER BY path, last_confirmed DESC, id DESC"));
    }

    /** The mapping a person gave for {@code path} (source {@code manual}); the most recently confirmed one. */
    public synchronized Optional<MappingRecord> manualMappingAt(String path) {
        return read(() -> selectMappings(
                "WHERE path = ? AND source = 'manual' ORDER BY last_confirmed DESC, id DESC LIMIT 1", path)
                .stream().findFirst());
    }

    private List<MappingRecord> selectMappings(String rest, Object... values) throws SQLException {
        List<MappingRecord> mappings = new ArrayList<>();
        try (PreparedStatement statement = Rows.bind(connection.prepareStatement(
                "SELECT " + MAPPING_COLUMNS + " FROM mappings " + rest), values);
             ResultSet rs = statement.executeQuery()) {
            while (rs.next()) {
                mappings.add(new MappingRecord(rs.getLong("id"), rs.getString("path"), rs.getString("pv_name"),
                        rs.getString("namespace"), rs.getString("name"), rs.getString("source"),
                        rs.getString("detail"), Rows.instant(rs, "first_learned"),
                        Rows.instant(rs, "last_confirmed")));
            }
        }
        return mappings;
    }

    // ---------------------------------------------------------------------------------- transactions

    /**
     * Runs {@code work} in one write transaction ({@code BEGIN IMMEDIATE ... COMMIT}): every call
     * {@code work} makes on this catalogue joins it instead of committing on its own, so a sync of
     * thousands of volumes is one commit. Each joined call is still all or nothing (a savepoint): one
     * that throws is undone, and {@code work} may catch the exception and go on. When {@code work}
     * throws, everything it did is rolled back and the exception is rethrown. Calls to
     * {@code inTransaction} inside {@code work} join it too.
     *
     * <p>The catalogue stays locked for other threads until {@code work} returns, and other processes
     * wait to write (up to 15 s): keep {@code work} to catalogue calls, not restic runs. Calls from
     * another thread inside {@code work} would wait for it: make them from the calling thread.
     */
    public synchronized <T> T inTransaction(Supplier<T> work) {
        Objects.requireNonNull(work, "work");
        return write(work::get);
    }

    // ---------------------------------------------------------------------------------- plumbing

    @FunctionalInterface
    private interface Work<T> {
        T run() throws SQLException;
    }

    /** Runs {@code work} in a write transaction, taken at the start so it never has to upgrade. */
    private <T> T write(Work<T> work) {
        return transaction("BEGIN IMMEDIATE", work);
    }

    /** Runs {@code work} in a read transaction, so that its queries see one state of the file. */
    private <T> T read(Work<T> work) {
        if (depth > 0) { // inside inTransaction: it already sees one state, and nothing to undo
            try {
                return work.run();
            } catch (SQLException e) {
                throw failure(file, e);
            }
        }
        return transaction("BEGIN", work);
    }

    /**
     * Runs {@code work} in its own transaction, or, inside {@link #inTransaction}, in a savepoint of
     * the open one: either way it is all or nothing.
     */
    private <T> T transaction(String begin, Work<T> work) {
        if (closed) {
            throw new IllegalStateException("catalogue " + file + " is closed");
        }
        String savepoint = "claimback_" + depth;
        boolean nested = depth > 0;
        try (Statement statement = connection.createStatement()) {
            statement.execute(nested ? "SAVEPOINT " + savepoint : begin);
            depth++;
            try {
                T result = work.run();
                statement.execute(nested ? "RELEASE " + savepoint : "COMMIT");
                return result;
            } catch (SQLException | RuntimeException | Error e) {
                rollbackQuietly(statement, nested ? savepoint : null, e);
                throw e;
            } finally {
                depth--;
            }
        } catch (SQLException e) {
            throw failure(file, e);
        }
    }

    /** Rolls back the transaction, or (savepoint not null) what was done since the savepoint. */
    private static void rollbackQuietly(Statement statement, String savepoint, Throwable failure) {
        try {
            if (savepoint == null) {
                statement.execute("ROLLBACK");
            } else {
                statement.execute("ROLLBACK TO " + savepoint);
                statement.execute("RELEASE " + savepoint);
            }
        } catch (SQLException e) {
            failure.addSuppressed(e); // nothing was open, or the connection is gone
        }
    }

    private int update(String sql, Object... values) throws SQLException {
        try (PreparedStatement statement = Rows.bind(connection.prepareStatement(sql), values)) {
            return statement.executeUpdate();
        }
    }

    private Optional<Long> queryLong(String sql, Object... values) throws SQLException {
        try (PreparedStatement statement = Rows.bind(connection.prepareStatement(sql), values);
             ResultSet rs = statement.executeQuery()) {
            return rs.next() ? Optional.of(rs.getLong(1)) : Optional.empty();
        }
    }

    private static void requireText(String value, String what) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(what + " must not be empty");
        }
    }

    private static void requireOneOf(String value, List<String> allowed, String what) {
        if (!allowed.contains(value)) {
            throw new IllegalArgumentException(what + " must be one of " + allowed + ", got " + value);
        }
    }

    // ---------------------------------------------------------------------------------- rebuilding

    /**
     * Marks as {@code interrupted} every run still {@code running}, whatever process started it:
     * for a catalogue restored from a copy, whose running runs (at least the catalogue backup that
     * made the copy) belong to processes of another time, maybe another machine. Not for a live
     * catalogue: there see {@link #markInterrupted}. Returns how many were marked.
     */
    public synchronized int markAllRunningInterrupted(Instant now, String reason) {
        Objects.requireNonNull(now, "now");
        requireText(reason, "reason");
        return write(() -> update("UPDATE runs SET state = 'interrupted', ended_at = ?, error = ? WHERE state = 'running'",
                now, reason));
    }

    /**
     * Deletes snapshot rows, by id: for snapshots the repository no longer holds (forgotten after
     * the catalogue copy they came from was made), which must not be offered for restore. Runs
     * keep the restic id they made. The one place claimback deletes from the catalogue: the
     * repository is the truth. Returns how many rows were deleted.
     */
    public synchronized int deleteSnapshots(Collection<Long> snapshotIds) {
        List<Long> ids = List.copyOf(snapshotIds);
        return write(() -> {
            int deleted = 0;
            for (long id : ids) {
                deleted += update("DELETE FROM snapshots WHERE id = ?", id);
            }
            return deleted;
        });
    }
}
