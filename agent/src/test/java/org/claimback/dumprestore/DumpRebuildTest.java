package org.claimback.dumprestore;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.claimback.backup.BackupListener;
import org.claimback.catalog.Catalog;
import org.claimback.catalog.ClaimRecord;
import org.claimback.catalog.DumpRecord;
import org.claimback.catalog.SnapshotRecord;
import org.claimback.catalogcopy.CatalogBackup;
import org.claimback.catalogcopy.CatalogRebuild;
import org.claimback.config.Config;
import org.claimback.config.ConfigLoader;
import org.claimback.engine.Engine;
import org.claimback.schedule.BackupAll;
import org.claimback.testing.ResticBinaries;
import org.claimback.testing.TestSetup;
import org.claimback.testing.VolumeTrees;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** {@code catalog rebuild} recovers dumps and the consistency of volume snapshots from the repository, with real restic. */
class DumpRebuildTest {
    @TempDir
    Path tmp;

    private static List<String> names(Catalog c, ClaimRecord claim) {
        return c.dumpsOf(claim.id()).stream().map(d -> d.name() + " " + d.shortId() + " " + d.state()).toList();
    }

    @ParameterizedTest(name = "restic {0}")
    @MethodSource("org.claimback.testing.ResticBinaries#all")
    void a_rebuild_adds_the_dumps_of_this_host_drops_forgotten_ones_and_reads_each_volume_snapshots_consistency(Path restic)
            throws Exception {
        TestSetup setup = TestSetup.create(tmp, restic);
        Path db = setup.export().newVolume("default", "db");
        VolumeTrees.write(db.resolve("base"), "table".getBytes());
        DumpFixture fixture = new DumpFixture(setup);
        Instant t = Instant.now().minusSeconds(3600);
        Config config = ConfigLoader.load(setup.config());
        DumpRecord kept;
        DumpRecord forgotten;
        String later;
        String consistent;
        try (Engine engine = Engine.open(config)) {
            BackupAll.run(engine, "cli", BackupListener.NONE);
            ClaimRecord claim = engine.catalog().claimNamed("default", "db").orElseThrow();
            kept = fixture.take(engine.catalog(), claim, "app.sql", "kept".getBytes(), t, "ok");
            forgotten = fixture.take(engine.catalog(), claim, "app.sql", "forgotten".getBytes(), t.plusSeconds(60), "ok");
            CatalogBackup.of(engine).run("cli");
            // after the copy: a dump and a volume snapshot the copy does not know, and a dump forgotten
            later = fixture.snapshot(claim, "keycloak.sql", "later".getBytes(), t.plusSeconds(120), 42L);
            VolumeTrees.write(db.resolve("more"), "rows".getBytes());
            consistent = fixture.volumeSnapshot(db, List.of("claimback", "claim-key=default-db", "namespace=default",
                    "claim=db", "consistency=hook+sqlite-online-backup"));
            fixture.restic(null, List.of("forget", forgotten.resticId()));
            // another host's dump stays out
            fixture.restic(Files.writeString(tmp.resolve("x"), "x"), List.of("backup", "--stdin", "--stdin-filename", "app.sql",
                    "--host", "elsewhere", "--tag", "claimback-dump", "--tag", "claim-key=default-db", "--tag", "dump=app.sql"));
        }
        boolean summaries = !ResticBinaries.versionOf(restic).startsWith("0.14");

        CatalogRebuild.of(config).rebuild(false);
        try (Catalog c = Catalog.openExisting(setup.catalog())) {
            ClaimRecord claim = c.claimNamed("default", "db").orElseThrow();
            assertEquals(List.of("keycloak.sql " + later.substring(0, 8) + " ok", "app.sql " + kept.shortId() + " ok"),
                    names(c, claim), "the copy's dumps, less the forgotten one, and the later one from its tags");
            DumpRecord fromTags = c.dumpsOf(claim.id()).get(0);
            assertNull(fromTags.runId(), "a dump from tags belongs to no known run");
            assertEquals(summaries ? 5 : 0, fromTags.bytes(), "size from the snapshot's summary (0.17+), else unknown");
            SnapshotRecord tagged = c.snapshotsOf(claim.id()).stream().filter(s -> consistent.startsWith(s.shortId()))
                    .findFirst().orElseThrow();
            assertEquals("hook+sqlite-online-backup", tagged.consistency());
        }

        CatalogRebuild.of(config).rebuild(true);
        try (Catalog c = Catalog.openExisting(setup.catalog())) {
            ClaimRecord claim = c.claimNamed("default", "db").orElseThrow();
            assertEquals(List.of("keycloak.sql " + later.substring(0, 8) + " ok", "app.sql " + kept.shortId() + " ok"),
                    names(c, claim), "from the tags alone");
            assertTrue(c.dumpsOf(claim.id()).stream().allMatch(d -> d.runId() == null && d.host().equals(DumpFixture.HOST)));
            List<SnapshotRecord> snapshots = c.snapshotsOf(claim.id());
            assertEquals(2, snapshots.size(), snapshots::toString);
            assertEquals("hook+sqlite-online-backup", snapshots.get(0).consistency(), "newest: tagged");
            assertEquals("none", snapshots.get(1).consistency(), "a live backup without hooks or databases: none");
        }
    }
}
