package org.claimback.catalog;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/** Shared test values and helpers. */
final class Fixtures {

    static final Instant T0 = Instant.parse("2024-05-01T10:00:00Z");

    private Fixtures() {
    }

    static Instant at(int minutes) {
        return T0.plus(Duration.ofMinutes(minutes));
    }

    static ClaimRecord claim(Catalog catalog, String namespace, String name) {
        return catalog.upsertClaim(namespace + "-" + name, namespace, name, "name", List.of(), T0);
    }

    static VolumeRecord volume(Catalog catalog, ClaimRecord claim, String pvName) {
        return catalog.upsertVolume(claim.id(), "/srv/nfs/k8s", "/srv/nfs/k8s/" + claim.claimKey() + "-" + pvName,
                pvName, "nfs-subdir", "live", T0);
    }

    static SnapshotRecord snapshot(long claimId, String resticId, Instant time) {
        return new SnapshotRecord(0, resticId, resticId.substring(0, Math.min(8, resticId.length())), claimId, null,
                null, time, "nfs1", "/srv/nfs/k8s/x", List.of("claimback"), false, 1, 2, 3, 6, 600, 100);
    }

    /** A plain JDBC connection to the file, bypassing Catalog: to inspect or tamper with it. */
    static void sql(Path file, String... statements) throws SQLException {
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + file);
             Statement statement = connection.createStatement()) {
            for (String sql : statements) {
                statement.execute(sql);
            }
        }
    }

    static String sqlText(Path file, String query) throws SQLException {
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + file);
             Statement statement = connection.createStatement();
             var rs = statement.executeQuery(query)) {
            return rs.next() ? rs.getString(1) : null;
        }
    }

    static List<Path> listing(Path directory) throws IOException {
        try (var files = Files.list(directory)) {
            return files.sorted().toList();
        }
    }
}
