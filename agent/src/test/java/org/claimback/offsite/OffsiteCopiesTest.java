package org.claimback.offsite;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.claimback.config.Config;
import org.claimback.config.StatusConfig;
import org.claimback.status.StatusServer;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.claimback.backup.BackupListener;
import org.claimback.catalog.CopyRecord;
import org.claimback.catalog.RunRecord;
import org.claimback.catalog.SnapshotRecord;
import org.claimback.config.ConfigLoader;
import org.claimback.engine.Engine;
import org.claimback.restic.Restic;
import org.claimback.restic.Snapshot;
import org.claimback.restic.SnapshotFilter;
import org.claimback.schedule.BackupAll;
import org.claimback.testing.ResticBinaries;
import org.claimback.testing.TestSetup;
import org.claimback.testing.VolumeTrees;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** {@code restic copy} into local copy repositories: real restic, both versions, real catalogue. */
class OffsiteCopiesTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;

    @ParameterizedTest(name = "{0}")
    @MethodSource("org.claimback.testing.ResticBinaries#all")
    void a_new_copy_is_created_with_the_primarys_chunker_and_holds_every_snapshot_with_its_tags_paths_and_original(Path binary)
            throws Exception {
        TestSetup setup = TestSetup.create(tmp, binary);
        CopyFixture.configure(setup, "", CopyFixture.entry(setup, "offsite"));
        Path web = setup.export().newVolume("default", "web");
        VolumeTrees.write(web.resolve("big.bin"), VolumeTrees.bytes(new Random(7), 1 << 20));
        VolumeTrees.write(setup.export().newVolume("media", "library").resolve("song.ogg"), "la la".getBytes());

        try (Engine engine = Engine.open(ConfigLoader.load(setup.config()))) {
            assertEquals(2, BackupAll.run(engine, "cli", BackupListener.NONE).size());
            assertTrue(BackupAll.copyCatalog(engine, "cli").isPresent());
            List<CopyOutcome> first = new OffsiteCopies(engine).run(null, "cli");

            assertEquals(List.of("offsite"), first.stream().map(CopyOutcome::copy).toList());
            for (CopyOutcome o : first) {
                assertTrue(o.ok(), o::toString);
                assertTrue(o.created(), o::toString);
                assertEquals(3, o.copied(), "two volume snapshots and the catalogue copy: " + o);
                assertEquals(0, o.alreadyThere(), o::toString);
                assertNotNull(o.newest(), o::toString);
            }
            Restic offsite = CopyFixture.restic(setup, "offsite");
            assertEquals(chunker(CopyFixture.catConfig(engine.restic())), chunker(CopyFixture.catConfig(offsite)),
                    "the copy was created with the primary's chunker parameters");

            Map<String, Snapshot> primary = engine.restic().snapshots(SnapshotFilter.ALL).stream()
                    .collect(Collectors.toMap(Snapshot::id, Function.identity()));
            List<Snapshot> copied = CopyFixture.snapshots(offsite);
            assertEquals(3, copied.size(), copied::toString);
            for (Snapshot c : copied) {
                Snapshot original = primary.get(c.original());
                assertNotNull(original, "original " + c.original() + " of " + c + " is a primary snapshot: " + primary.keySet());
                assertEquals(original.tags(), c.tags());
                assertEquals(original.paths(), c.paths());
                assertEquals(original.hostname(), c.hostname());
                assertEquals(original.time(), c.time());
            }
            for (SnapshotRecord s : engine.catalog().snapshots()) {
                List<CopyRecord> copies = engine.catalog().copiesOf(s.resticId());
                assertEquals(List.of("offsite"), copies.stream().map(CopyRecord::copyName).toList(), copies::toString);
                CopyRecord inOffsite = copies.get(0);
                Snapshot there = copied.stream().filter(c -> c.id().equals(inOffsite.copyResticId())).findFirst().orElseThrow();
                assertTrue(there.original().startsWith(s.resticId()), "catalogue id " + s.resticId() + " (short on 0.14) vs " + there);
                assertEquals(there.time(), inOffsite.time(), "the snapshot's own time, as restic keeps it in both");
            }
            List<RunRecord> runs = engine.catalog().runsOfKind("copy", null, 10);
            assertEquals(1, runs.size(), runs::toString);
            assertTrue(runs.stream().allMatch(r -> "ok".equals(r.state()) && r.claimId() == null), runs::toString);
            assertEquals("offsite", runs.get(0).target(), "the copy's name");
            assertTrue(runs.get(0).detail().startsWith("created the copy repository"), runs.get(0)::detail);

            List<CopyOutcome> again = new OffsiteCopies(engine).run("offsite", "cli");
            assertEquals(1, again.size());
            assertEquals(0, again.get(0).copied(), "copying twice copies nothing the second time: " + again);
            assertEquals(3, again.get(0).alreadyThere(), again::toString);
            assertFalse(again.get(0).created());
            assertEquals(3, CopyFixture.snapshots(offsite).size());

            // a second backup adding a little: the copy grows by about what the primary grows by
            long primaryBefore = CopyFixture.size(setup.repository());
            long copyBefore = CopyFixture.size(CopyFixture.repository(setup, "offsite"));
            VolumeTrees.write(web.resolve("small.txt"), "a few new bytes".getBytes());
            assertEquals(2, BackupAll.run(engine, "cli", BackupListener.NONE).size());
            CopyOutcome second = new OffsiteCopies(engine).run("offsite", "cli").get(0);
            assertEquals(1, second.copied(), "the new web snapshot (the library is unchanged, skipped): " + second);
            assertEquals(3, second.alreadyThere(), second::toString);
            long primaryGrowth = CopyFixture.size(setup.repository()) - primaryBefore;
            long copyGrowth = CopyFixture.size(CopyFixture.repository(setup, "offsite")) - copyBefore;
            assertTrue(copyGrowth < 2 * primaryGrowth + 64 * 1024 && copyGrowth < (512 << 10),
                    "the 1 MiB file is not copied again: the copy grew " + copyGrowth + " bytes, the primary " + primaryGrowth);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("org.claimback.testing.ResticBinaries#all")
    void a_copy_with_a_wrong_password_fails_alone_and_the_next_copy_still_runs(Path binary) throws Exception {
        TestSetup setup = TestSetup.create(tmp, binary);
        ResticBinaries.newRepository(binary, setup.dir().resolve("copies/broken-made"));
        Path broken = setup.dir().resolve("copies/broken-made/repo");
        Path wrong = CopyFixture.passwordFile(setup, "broken", "not the password of that repository");
        CopyFixture.configure(setup, "", "  - name: broken\n    repository: " + broken + "\n    passwordFile: " + wrong + "\n",
                CopyFixture.entry(setup, "offsite"));
        VolumeTrees.write(setup.export().newVolume("default", "web").resolve("index.html"), "hello".getBytes());

        try (Engine engine = Engine.open(withStatusOnAnyPort(ConfigLoader.load(setup.config())));
             StatusServer server = StatusServer.start(engine)) {
            assertEquals(1, BackupAll.run(engine, "cli", BackupListener.NONE).size());
            String before = metrics(server);
            assertFalse(before.contains("claimback_copy_newest_snapshot_age_seconds{"), "no sample before any copy:\n" + before);
            assertFalse(before.contains("claimback_copy_last_run_success{"), before);
            List<CopyOutcome> outcomes = new OffsiteCopies(engine).run(null, "cli");

            assertEquals(2, outcomes.size(), "the failing copy does not stop the next: " + outcomes);
            CopyOutcome failed = outcomes.get(0);
            assertEquals("failed", failed.state(), failed::toString);
            assertTrue(failed.error().startsWith("copy to broken (" + broken + ") failed: wrong password"), failed.error());
            assertFalse(failed.error().contains("\n"), "one line");
            assertTrue(outcomes.get(1).ok(), outcomes.get(1)::toString);
            assertEquals(1, outcomes.get(1).copied());

            RunRecord run = engine.catalog().runById(failed.runId()).orElseThrow();
            assertEquals("copy", run.kind());
            assertEquals("failed", run.state());
            assertEquals("broken", run.target());
            assertEquals(failed.error(), run.error());
            assertTrue(engine.catalog().copiesIn("broken").isEmpty());
            assertEquals(1, engine.catalog().copiesIn("offsite").size());
            assertNull(failed.newest());

            String after = metrics(server);
            assertEquals(1.0, sample(after, "claimback_copy_last_run_success", "offsite"), after);
            assertEquals(0.0, sample(after, "claimback_copy_last_run_success", "broken"), after);
            double age = sample(after, "claimback_copy_newest_snapshot_age_seconds", "offsite");
            double expected = (engine.clock().millis() - outcomes.get(1).newest().toEpochMilli()) / 1000.0;
            assertTrue(age > 0 && Math.abs(age - expected) < 5, age + " s, expected about " + expected + ":\n" + after);
            assertFalse(after.contains("claimback_copy_newest_snapshot_age_seconds{copy=\"broken\"}"),
                    "a copy holding nothing has no age sample:\n" + after);
            assertTrue(sample(after, "claimback_copy_last_success_timestamp_seconds", "offsite") > 0, after);
        }
    }

    private static Config withStatusOnAnyPort(Config c) {
        return new Config(c.file(), c.exports(), c.repository(), c.passwordFile(), c.catalog(), c.host(), c.namespaces(),
                c.inventoryFiles(), c.schedule(), c.restic(), c.drill(), new StatusConfig(true, "127.0.0.1", 0), c.backup(),
                c.retention(), c.check(), c.claims(), c.agent(), c.notifications(), c.sqlite(), c.repositoryEnvFile(),
                c.repositoryOptions(), c.copies(), c.limits());
    }

    private static String metrics(StatusServer server) throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + server.port() + "/metrics")).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode());
        return response.body();
    }

    private static double sample(String body, String metric, String copy) {
        Matcher m = Pattern.compile("(?m)^" + metric + "\\{copy=\"" + Pattern.quote(copy) + "\"} (\\S+)$").matcher(body);
        assertTrue(m.find(), () -> metric + "{copy=\"" + copy + "\"} is not in\n" + body);
        return Double.parseDouble(m.group(1));
    }

    private static String chunker(String configJson) throws Exception {
        String polynomial = JSON.readTree(configJson).path("chunker_polynomial").asText("");
        assertFalse(polynomial.isEmpty(), configJson);
        return polynomial;
    }
}
