package org.claimback.catalog;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/**
 * The catalogue's schema history: numbered SQL files, applied in order, tracked in
 * {@code PRAGMA user_version}.
 *
 * <p>File {@code migrations/V00N__what.sql} (a resource beside this class) brings a catalogue from
 * version N-1 to N. Each one runs in its own {@code BEGIN IMMEDIATE} transaction that re-reads
 * {@code user_version} first, so two processes opening a new catalogue at once apply each file
 * exactly once. To change the schema, add the next file and list it in {@link #FILES}; never edit
 * a released one. Foreign keys are on during migrations: a file that rebuilds a table must keep
 * them satisfied.
 */
final class Migrations {

    /** In order; entry i must be numbered i+1. */
    static final List<String> FILES = List.of(
            "V001__initial.sql",
            "V002__inventory_and_mappings.sql",
            "V003__claim_identity.sql",
            "V004__restores_drills_rebuilds.sql",
            "V005__agent_for_a_year.sql",
            "V006__application_consistency.sql",
            "V007__offsite_copies.sql");

    /** {@code PRAGMA application_id} of a claimback catalogue, set by V001: "clmb". */
    static final int APPLICATION_ID = 0x636c6d62;

    private Migrations() {
    }

    /** The schema version this code writes and understands. */
    static int latest() {
        return FILES.size();
    }

    static int userVersion(Connection connection) throws SQLException {
        return intPragma(connection, "user_version");
    }

    static int applicationId(Connection connection) throws SQLException {
        return intPragma(connection, "application_id");
    }

    /** True when the database holds no tables, views, indexes or triggers. */
    static boolean isEmpty(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery("SELECT count(*) FROM sqlite_schema")) {
            return rs.next() && rs.getInt(1) == 0;
        }
    }

    /**
     * Applies every file newer than the catalogue's user_version. Returns the version reached.
     * A catalogue newer than {@link #latest()} is left alone; the caller refuses it.
     */
    static int migrate(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            while (true) {
                statement.execute("BEGIN IMMEDIATE");
                try {
                    int version = userVersion(connection);
                    if (version >= latest()) {
                        statement.execute("COMMIT");
                        return version;
                    }
                    statement.executeUpdate(sql(version + 1));
                    statement.execute("PRAGMA user_version = " + (version + 1));
                    statement.execute("COMMIT");
                } catch (SQLException | RuntimeException e) {
                    rollbackQuietly(statement, e);
                    throw e;
                }
            }
        }
    }

    /** The SQL text that brings the schema to {@code version}. */
    static String sql(int version) {
        String file = FILES.get(version - 1);
        String prefix = String.format("V%03d__", version);
        if (!file.startsWith(prefix) || !file.endsWith(".sql")) {
            throw new IllegalStateException("migration " + file + " is listed as number " + version
                    + ": name it " + prefix + "<what>.sql");
        }
        try (InputStream in = Migrations.class.getResourceAsStream("migrations/" + file)) {
            if (in == null) {
                throw new IllegalStateException("migration " + file + " is missing from the classpath");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read migration " + file, e);
        }
    }

    private static int intPragma(Connection connection, String pragma) throws SQLException {
        try (Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery("PRAGMA " + pragma)) {
            return rs.next() ? rs.getInt(1) : 0;
        }
    }

    static void rollbackQuietly(Statement statement, Exception failure) {
        try {
            statement.execute("ROLLBACK");
        } catch (SQLException e) {
            failure.addSuppressed(e); // nothing was open, or the connection is gone
        }
    }
}
