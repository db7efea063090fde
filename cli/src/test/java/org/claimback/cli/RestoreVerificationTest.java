package org.claimback.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.util.List;
import org.claimback.catalog.Catalog;
import org.claimback.catalog.RunRecord;
import org.claimback.catalog.SnapshotRecord;
import org.claimback.restore.TreeTotals;
import org.claimback.testing.ResticBinaries;
import org.claimback.testing.TestSetup;
import org.claimback.testing.TreeManifest;
import org.claimback.testing.VolumeTrees;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every restore is checked against its snapshot; totals a rebuilt catalogue lacks are counted with restic ls first. */
class RestoreVerificationTest {
    @TempDir
    Path tmp;

    @Test
    void should_count_unknown_totals_with_restic_ls_and_fail_loudly_when_the_restored_tree_does_not_match() throws Exception {
        TestSetup setup = TestSetup.create(tmp, ResticBinaries.v014()); // 0.14 records no summary in the repository
        Path data = setup.export().newVolume("default", "db");
        VolumeTrees.realistic(data, 6);
        TreeManifest original = TreeManifest.of(data);
        TreeTotals totals = TreeTotals.of(data);
        assertEquals(0, CliRun.of("--config", setup.config().toString(), "backup", "default/db").exitCode());
        try (Connection db = DriverManager.getConnection("jdbc:sqlite:" + setup.catalog())) {
            // as `catalog rebuild` leaves it when restic kept no summary
            assertEquals(1, db.createStatement().executeUpdate("UPDATE snapshots SET totals_known = 0, files_total = 0, bytes_total = 0"));
        }

        CliRun counted = CliRun.of("--config", setup.config().toString(), "restore", "default/db", "--into",
                tmp.resolve("r1").toString(), "--json");

        assertEquals(0, counted.exitCode(), counted::toString);
        assertEquals(totals.files(), counted.json().get("snapshot").get("files").asLong(), counted::toString);
        assertEquals(totals.bytes(), counted.json().get("snapshot").get("bytes").asLong(), counted::toString);
        assertEquals(List.of(), original.differences(TreeManifest.of(tmp.resolve("r1"))));
        SnapshotRecord snapshot;
        try (Catalog catalog = Catalog.open(setup.catalog())) {
            snapshot = catalog.snapshots().get(0);
            assertTrue(snapshot.totalsKnown(), "the counted totals are kept");
            assertEquals(totals, new TreeTotals(snapshot.filesTotal(), snapshot.bytesTotal()));
            catalog.setSnapshotTotals(snapshot.id(), totals.files() + 1, totals.bytes()); // a file went missing
        }

        CliRun tampered = CliRun.of("--config", setup.config().toString(), "restore", "default/db", "--into",
                tmp.resolve("r2").toString(), "--json");

        assertEquals(1, tampered.exitCode(), tampered::toString);
        assertTrue(tampered.err().contains("is INCOMPLETE: snapshot " + snapshot.shortId() + " has " + (totals.files() + 1)
                + " files"), tampered::toString);
        assertTrue(tampered.json().get("error").get("message").asText().contains("INCOMPLETE"), tampered::toString);
        try (Catalog catalog = Catalog.open(setup.catalog())) {
            List<RunRecord> runs = catalog.runsOfKind("restore", null, 10);
            assertEquals(2, runs.size(), runs::toString);
            RunRecord failed = runs.stream().filter(r -> r.target().endsWith("r2")).findFirst().orElseThrow();
            assertEquals("failed", failed.state(), runs::toString);
            assertTrue(failed.error().contains("INCOMPLETE"), failed::toString);
            assertEquals(totals.files(), failed.files(), "what was found is recorded");
        }
    }
}
