package org.claimback.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.claimback.catalog.Catalog;
import org.claimback.catalog.SnapshotRecord;
import org.claimback.testing.ResticBinaries;
import org.claimback.testing.TestSetup;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Which snapshot {@code restore} takes: --at TIME, --snapshot ID, never a suspicious or another claim's one unless asked. */
class RestoreSnapshotChoiceTest {
    @TempDir
    Path tmp;

    @Test
    void should_pick_by_time_skip_suspicious_snapshots_and_refuse_another_claims_snapshot() throws Exception {
        TestSetup setup = TestSetup.create(tmp, ResticBinaries.v018());
        String config = setup.config().toString();
        Path app = setup.export().newVolume("default", "app");
        for (String state : List.of("one", "second", "third!")) {
            Files.writeString(app.resolve("state.txt"), state);
            CliRun backup = CliRun.of("--config", config, "backup", "default/app");
            assertEquals(0, backup.exitCode(), backup::toString);
        }
        Path other = setup.export().newVolume("default", "other");
        Files.writeString(other.resolve("state.txt"), "not yours");
        assertEquals(0, CliRun.of("--config", config, "backup", "default/other").exitCode());
        List<SnapshotRecord> snapshots;
        String othersSnapshot;
        try (Catalog catalog = Catalog.open(setup.catalog())) {
            snapshots = catalog.snapshotsOf(catalog.claimByKey("default-app").orElseThrow().id());
            othersSnapshot = catalog.snapshotsOf(catalog.claimByKey("default-other").orElseThrow().id()).get(0).shortId();
        }
        assertEquals(3, snapshots.size(), snapshots::toString);
        SnapshotRecord second = snapshots.get(1);
        Instant t2 = second.time();
        Instant t3 = snapshots.get(0).time();
        String between = t2.plus(Duration.between(t2, t3).dividedBy(2)).toString();

        CliRun at = CliRun.of("--config", config, "restore", "default/app", "--at", between, "--into",
                tmp.resolve("r1").toString(), "--json");
        assertEquals(0, at.exitCode(), at::toString);
        assertEquals(second.resticId(), at.json().get("snapshot").get("id").asText());
        assertEquals("second", Files.readString(tmp.resolve("r1/state.txt")));

        try (Catalog catalog = Catalog.open(setup.catalog())) {
            catalog.setSuspicious(second.id(), true);
        }
        CliRun skipsSuspicious = CliRun.of("--config", config, "restore", "default/app", "--at", between, "--into",
                tmp.resolve("r2").toString());
        assertEquals(0, skipsSuspicious.exitCode(), skipsSuspicious::toString);
        assertEquals("one", Files.readString(tmp.resolve("r2/state.txt")), "the suspicious snapshot is passed over");

        CliRun named = CliRun.of("--config", config, "restore", "default/app", "--snapshot", second.shortId(), "--into",
                tmp.resolve("r3").toString());
        assertEquals(2, named.exitCode(), named::toString);
        assertTrue(named.err().contains("suspicious") && named.err().contains("--allow-suspicious"), named::toString);
        assertTrue(Files.notExists(tmp.resolve("r3")));
        CliRun allowed = CliRun.of("--config", config, "restore", "default/app", "--snapshot", second.shortId(),
                "--allow-suspicious", "--into", tmp.resolve("r3").toString());
        assertEquals(0, allowed.exitCode(), allowed::toString);
        assertEquals("second", Files.readString(tmp.resolve("r3/state.txt")));

        CliRun notYours = CliRun.of("--config", config, "restore", "default/app", "--snapshot", othersSnapshot, "--into",
                tmp.resolve("r4").toString());
        assertEquals(2, notYours.exitCode(), notYours::toString);
        assertTrue(notYours.err().contains("belongs to default-other, not default-app"), notYours::toString);

        CliRun tooOld = CliRun.of("--config", config, "restore", "default/app", "--at", "2d", "--into", tmp.resolve("r4").toString());
        assertEquals(1, tooOld.exitCode(), tooOld::toString);
        assertTrue(tooOld.err().contains("no snapshot at or before"), tooOld::toString);
        CliRun badTime = CliRun.of("--config", config, "restore", "default/app", "--at", "last tuesday");
        assertEquals(2, badTime.exitCode(), badTime::toString);
        assertTrue(badTime.err().contains("is not a time") && badTime.err().contains("2d"), badTime::toString);
        CliRun both = CliRun.of("--config", config, "restore", "--all", "--snapshot", second.shortId());
        assertEquals(2, both.exitCode(), both::toString);
        assertTrue(Files.notExists(tmp.resolve("r4")), "no refused restore wrote anything");
    }
}
