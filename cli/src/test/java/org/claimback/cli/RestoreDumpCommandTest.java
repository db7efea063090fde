package org.claimback.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.claimback.catalog.Catalog;
import org.claimback.catalog.ClaimRecord;
import org.claimback.catalog.DumpRecord;
import org.claimback.catalog.RunRecord;
import org.claimback.dumprestore.DumpFixture;
import org.claimback.testing.ResticBinaries;
import org.claimback.testing.TestSetup;
import org.claimback.testing.VolumeTrees;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code restore CLAIM --dump NAME --to FILE} and the dumps in {@code backups CLAIM}, with real
 * restic. One setup (a backup, three dump snapshots) serves the listing and the restores.
 */
class RestoreDumpCommandTest {
    @TempDir
    Path tmp;

    private static final Instant NOW = Instant.now().minusSeconds(60);

    private TestSetup setup;
    private DumpRecord older;
    private DumpRecord newer;
    private DumpRecord failed;
    private byte[] olderBytes;
    private byte[] newerBytes;

    /** default/db backed up once, then three dumps app.sql: older ok, newer ok, newest failed. */
    private void claimWithDumps(Path restic) throws Exception {
        setup = TestSetup.create(tmp, restic);
        Path db = setup.export().newVolume("default", "db");
        VolumeTrees.write(db.resolve("PG_VERSION"), "16".getBytes());
        CliRun backup = CliRun.of("--config", setup.config().toString(), "backup", "default/db");
        assertEquals(0, backup.exitCode(), backup::toString);
        olderBytes = "-- PostgreSQL database dump, older\nCREATE TABLE t (x int);\n".getBytes();
        newerBytes = new byte[300_000];
        new Random(7).nextBytes(newerBytes);
        DumpFixture fixture = new DumpFixture(setup);
        try (Catalog catalog = Catalog.open(setup.catalog())) {
            ClaimRecord claim = catalog.claimNamed("default", "db").orElseThrow();
            older = fixture.take(catalog, claim, "app.sql", olderBytes, NOW.minusSeconds(7200), "ok");
            newer = fixture.take(catalog, claim, "app.sql", newerBytes, NOW.minusSeconds(3600), "ok");
            failed = fixture.take(catalog, claim, "app.sql", "-- trunc".getBytes(), NOW, "failed");
        }
    }

    private CliRun claimback(String... args) {
        String[] all = Stream.concat(Stream.of("--config", setup.config().toString()), Stream.of(args)).toArray(String[]::new);
        return CliRun.of(all);
    }

    private static List<Path> siblings(Path file) throws Exception {
        try (Stream<Path> s = Files.list(file.getParent())) {
            return s.sorted().toList();
        }
    }

    @ParameterizedTest(name = "restic {0}")
    @MethodSource("org.claimback.testing.ResticBinaries#all")
    void a_claims_dumps_are_listed_and_written_to_a_new_file_an_existing_one_refused_or_forced_aside_a_failure_untouched(Path restic)
            throws Exception {
        claimWithDumps(restic);
        backupsListsTheDumpsAfterTheVolumeSnapshots();
        Path file = tmp.resolve("restored/app.sql");

        CliRun restore = claimback("restore", "default/db", "--dump", "app.sql", "--to", file.toString());
        assertEquals(0, restore.exitCode(), restore::toString);
        assertArrayEquals(newerBytes, Files.readAllBytes(file), "the newest complete dump, never the newer failed one");
        assertEquals("restored dump app.sql of default-db into " + file + ": 300000 bytes (293.0 KiB) from snapshot "
                + newer.shortId() + " (" + newer.time() + ")\n", restore.out(), restore::toString);
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
        assertEquals(List.of(file), siblings(file), "no partial file is left");
        try (Catalog catalog = Catalog.open(setup.catalog())) {
            List<RunRecord> runs = catalog.runsOfKind("restore", null, 10);
            assertEquals(1, runs.size(), runs::toString);
            assertEquals("ok", runs.get(0).state(), runs::toString);
            assertEquals(file.toString(), runs.get(0).target());
            assertEquals(1L, runs.get(0).files());
            assertEquals(300_000L, runs.get(0).bytes());
            assertEquals(newer.resticId(), runs.get(0).snapshotId());
        }

        CliRun again = claimback("restore", "default/db", "--dump", "app.sql", "--to", file.toString());
        assertEquals(2, again.exitCode(), again::toString);
        assertEquals("claimback: " + file + " exists: choose another --to or pass --force to move it aside\n", again.err());
        assertArrayEquals(newerBytes, Files.readAllBytes(file));

        CliRun forced = claimback("restore", "default/db", "--dump", "app.sql", "--to", file.toString(), "--force",
                "--snapshot", older.shortId(), "--json");
        assertEquals(0, forced.exitCode(), forced::toString);
        JsonNode json = forced.json();
        assertEquals("default-db", json.get("claimKey").asText());
        assertEquals(file.toString(), json.get("file").asText());
        assertEquals(olderBytes.length, json.get("bytes").asLong());
        assertEquals(older.resticId(), json.get("dump").get("id").asText());
        assertEquals("app.sql", json.get("dump").get("name").asText());
        assertEquals("ok", json.get("state").asText());
        Path aside = Path.of(json.get("movedAside").asText());
        assertTrue(aside.getFileName().toString().startsWith("app.sql.claimback-aside-"), aside::toString);
        assertArrayEquals(olderBytes, Files.readAllBytes(file));
        assertArrayEquals(newerBytes, Files.readAllBytes(aside), "the previous file was moved aside, not deleted");

        CliRun failedOne = claimback("restore", "default/db", "--dump", "app.sql", "--to", file.toString(), "--force",
                "--snapshot", failed.shortId());
        assertEquals(2, failedOne.exitCode(), failedOne::toString);
        assertTrue(failedOne.err().contains("is failed (producer exited 1): it cannot be restored"), failedOne::toString);

        // a snapshot the catalogue knows but the repository lost: restic dump fails
        String lost = "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";
        try (Catalog catalog = Catalog.open(setup.catalog())) {
            ClaimRecord claim = catalog.claimNamed("default", "db").orElseThrow();
            catalog.addDump(new DumpRecord(0, lost, lost.substring(0, 8), claim.id(), null, "app.sql", NOW.plusSeconds(30),
                    DumpFixture.HOST, 10, "ok", null));
        }
        List<Path> before = siblings(file);
        CliRun broken = claimback("restore", "default/db", "--dump", "app.sql", "--to", file.toString(), "--force");
        assertEquals(1, broken.exitCode(), broken::toString);
        assertTrue(broken.err().startsWith("claimback: restic dump of /app.sql from snapshot " + lost), broken::toString);
        assertEquals(1, broken.err().lines().count(), broken::toString);
        assertArrayEquals(olderBytes, Files.readAllBytes(file), "a failed restore leaves the file untouched");
        assertEquals(before, siblings(file), "nothing moved aside, no partial file left");
        try (Catalog catalog = Catalog.open(setup.catalog())) {
            RunRecord last = catalog.runsOfKind("restore", null, 1).get(0);
            assertEquals("failed", last.state(), last::toString);
            assertTrue(last.error().contains("restic dump"), last::toString);
        }
    }

    @Test
    void dump_restores_refuse_volume_options_and_unknown_names_before_touching_anything() throws Exception {
        setup = TestSetup.createWithoutRepository(tmp, ResticBinaries.v014());
        Path db = setup.export().newVolume("default", "db");
        VolumeTrees.write(db.resolve("PG_VERSION"), "16".getBytes());
        try (Catalog catalog = Catalog.open(setup.catalog())) {
            ClaimRecord claim = catalog.insertClaim("default-db", "default", "db", "name", List.of(), NOW);
            catalog.addDump(new DumpRecord(0, "abcdef0123", "abcdef01", claim.id(), null, "app.sql", NOW, "h", 5, "ok", null));
            catalog.addDump(new DumpRecord(0, "bcdef01234", "bcdef012", claim.id(), null, "keycloak.sql", NOW, "h", 5, "ok", null));
        }
        Path file = tmp.resolve("out.sql");
        String[][] refused = {
            {"restore", "--all", "--dump", "app.sql", "--to", file.toString()},
            {"restore", "default/db", "--namespace", "default", "--dump", "app.sql", "--to", file.toString()},
            {"restore", "default/db", "--into", tmp.resolve("x").toString(), "--dump", "app.sql", "--to", file.toString()},
            {"restore", "default/db", "--to-new-pv", "--dump", "app.sql", "--to", file.toString()},
            {"restore", "default/db", "--dump", "app.sql"},
            {"restore", "default/db", "--to", file.toString()},
        };
        for (String[] args : refused) {
            CliRun run = claimback(args);
            assertEquals(2, run.exitCode(), run::toString);
            assertEquals(1, run.err().lines().count(), run::toString);
            assertTrue(run.err().contains("--dump") || run.err().contains("--to"), run::toString);
        }
        CliRun unknown = claimback("restore", "default/db", "--dump", "nope.sql", "--to", file.toString());
        assertEquals(2, unknown.exitCode(), unknown::toString);
        assertEquals("claimback: default/db has no dump nope.sql: its dumps are app.sql, keycloak.sql; give one of them to --dump\n",
                unknown.err());
        assertFalse(Files.exists(file));
        assertFalse(Files.exists(setup.repository()), "nothing reached restic");
    }

    /** {@code backups CLAIM}: the dumps after the volume snapshots, in text and JSON (checked once, sharing the setup). */
    private void backupsListsTheDumpsAfterTheVolumeSnapshots() {

        CliRun text = claimback("backups", "default/db");
        assertEquals(0, text.exitCode(), text::toString);
        List<String> lines = text.out().lines().toList();
        int dumpHeader = lines.indexOf(lines.stream().filter(l -> l.startsWith("DUMP")).findFirst().orElseThrow(
                () -> new AssertionError("no dumps table\n" + text)));
        assertTrue(lines.get(0).startsWith("SNAPSHOT"), text::toString);
        assertTrue(lines.get(dumpHeader).matches("DUMP +SNAPSHOT +TIME +SIZE +STATE +RUN"), text::toString);
        assertEquals(3, lines.size() - dumpHeader - 1, text::toString);
        assertTrue(lines.get(dumpHeader + 1).matches("app\\.sql +" + failed.shortId() + " +\\S+ +8 B +failed +-"), text::toString);
        assertTrue(lines.get(dumpHeader + 2).matches("app\\.sql +" + newer.shortId() + " +\\S+ +293\\.0 KiB +ok +-"), text::toString);

        CliRun json = claimback("backups", "default/db", "--json");
        assertEquals(0, json.exitCode(), json::toString);
        JsonNode shape = json.json();
        assertEquals(1, shape.get("snapshots").size(), json::toString);
        assertEquals("default-db", shape.get("claim").get("claimKey").asText(), json::toString);
        JsonNode dumps = shape.get("dumps");
        assertEquals(3, dumps.size(), json::toString);
        JsonNode first = dumps.get(0);
        assertEquals(List.of("name", "id", "shortId", "time", "host", "bytes", "state", "runId", "error"),
                iterable(first.fieldNames()));
        assertEquals("failed", first.get("state").asText());
        assertEquals("producer exited 1", first.get("error").asText());
        assertEquals(newer.resticId(), dumps.get(1).get("id").asText());
        assertEquals(300_000, dumps.get(1).get("bytes").asLong());
        assertTrue(dumps.get(1).get("runId").isNull());
        assertFalse(dumps.get(1).has("tags"));
    }

    private static List<String> iterable(java.util.Iterator<String> it) {
        List<String> all = new java.util.ArrayList<>();
        it.forEachRemaining(all::add);
        return all;
    }
}
