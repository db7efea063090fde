package org.claimback.status;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.claimback.catalog.Catalog;
import org.claimback.catalog.ClaimRecord;
import org.claimback.engine.Engine;
import org.claimback.testing.TestSetup;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * /status and /metrics over HTTP against a catalogue filled through the Catalog API with one claim
 * in each state, a failed check and a prune; and the bearer token.
 */
@Timeout(60)
class StatusEndpointTest {
    static final Instant T0 = Instant.parse("2025-03-01T02:00:00Z");

    @TempDir
    Path tmp;

    /** Fills the catalogue: one claim per state, a check that found 2 problems, a prune. */
    static void fill(Catalog db, String host) {
        long web = claim(db, "default", "web", "live");
        run(db, "backup", web, host, T0, 30, "ok", null, "aaaa1111", 1000L);
        run(db, "backup", web, host, T0.plusSeconds(86400), 2, "skipped-unchanged", null, "aaaa1111", null);
        long library = claim(db, "media", "library", "live");
        run(db, "backup", library, host, T0, 60, "ok", null, "bbbb2222", 5000L);
        long bad = run(db, "backup", library, host, T0.plusSeconds(86400), 40, "suspicious", "the volume shrank", "bbbb3333", 10L);
        db.addShrink(library, T0.plusSeconds(86440), bad, "bbbb3333", "files fell from 1200 to 0 (under 10%)");
        long postgres = claim(db, "db", "postgres", "live");
        run(db, "backup", postgres, host, T0, 10, "ok", null, "cccc4444", 200L);
        run(db, "backup", postgres, host, T0.plusSeconds(86400), 5, "failed", "restic: repository is already locked", null, null);
        long logs = claim(db, "logs", "app", "live");
        run(db, "backup", logs, host, T0, 7, "partial", "2 files unreadable", "dddd5555", 3L);
        claim(db, "new", "empty", "live");
        long gone = claim(db, "old", "gone", "archived");
        run(db, "backup", gone, host, T0, 3, "ok", null, "eeee6666", 0L);
        long check = run(db, "check", null, host, T0.plusSeconds(90000), 120, "failed", "restic check found errors", null, null);
        db.recordRunProblems(check, 2);
        run(db, "prune", null, host, T0.plusSeconds(80000), 50, "ok", null, null, null);
    }

    static long claim(Catalog db, String ns, String name, String volumeState) {
        ClaimRecord c = db.upsertClaim(ns + "-" + name, ns, name, "name", List.of(), T0);
        db.upsertVolume(c.id(), "/srv/nfs", "/srv/nfs/" + ns + "-" + name + "-pvc-1", "pvc-" + name, "nfs-subdir", volumeState, T0);
        return c.id();
    }

    static long run(Catalog db, String kind, Long claim, String host, Instant start, int seconds, String state, String error,
                    String snapshot, Long added) {
        long id = db.startRun(kind, claim, null, host, "schedule", start);
        db.finishRun(id, state, error, snapshot, start.plusSeconds(seconds));
        if (added != null) {
            db.recordBytesAdded(id, added);
        }
        return id;
    }

    static TestSetup setup(Path tmp) throws Exception {
        TestSetup setup = TestSetup.create(tmp, Path.of("/usr/bin/restic"));
        setup.writeConfig("schedule:\n  backup: \"0 0 2 * * ?\"\n  check: \"0 0 6 ? * SAT\"\n  prune: \"off\"\n");
        return setup;
    }

    @Test
    void should_serve_each_claims_state_last_run_last_success_and_next_run_as_json() throws Exception {
        TestSetup setup = setup(tmp);
        try (Engine engine = StatusFixture.engine(setup); StatusServer server = StatusServer.start(engine)) {
            fill(engine.catalog(), engine.config().host());
            HttpResponse<String> response = StatusFixture.get(server.port(), "/status");
            assertEquals(200, response.statusCode(), response::body);
            assertEquals("application/json", response.headers().firstValue("Content-Type").orElse(""));
            JsonNode json = new ObjectMapper().readTree(response.body());
            assertEquals("claimback-test", json.get("host").asText());
            Map<String, JsonNode> claims = new HashMap<>();
            json.get("claims").forEach(c -> claims.put(c.get("claim").asText(), c));
            assertEquals(6, claims.size(), response.body());
            assertEquals("ok", claims.get("default/web").get("state").asText());
            assertEquals("skipped-unchanged", claims.get("default/web").get("lastSuccess").get("state").asText());
            assertEquals("aaaa1111", claims.get("default/web").get("lastRun").get("snapshot").asText());
            assertNotNull(Instant.parse(claims.get("default/web").get("nextRun").asText()));
            assertEquals("suspicious", claims.get("media/library").get("state").asText());
            assertTrue(claims.get("media/library").get("pendingShrink").get("reason").asText().contains("1200"), response.body());
            assertEquals("failing", claims.get("db/postgres").get("state").asText());
            assertTrue(claims.get("db/postgres").get("reason").asText().contains("already locked"), response.body());
            assertEquals("ok", claims.get("db/postgres").get("lastSuccess").get("state").asText());
            assertEquals("partial", claims.get("logs/app").get("state").asText());
            assertEquals("never-backed-up", claims.get("new/empty").get("state").asText());
            assertTrue(claims.get("new/empty").get("lastRun").isNull());
            assertEquals("no-volume", claims.get("old/gone").get("state").asText());
            assertTrue(claims.get("old/gone").get("nextRun").isNull());
            assertEquals(2, json.get("repository").get("lastCheck").get("problems").asLong());
            assertEquals("prune", json.get("repository").get("lastPrune").get("kind").asText());
            assertEquals(1, json.get("counts").get("suspicious").asInt());
            Map<String, JsonNode> jobs = new HashMap<>();
            json.get("schedules").forEach(j -> jobs.put(j.get("job").asText(), j));
            assertEquals("0 0 6 ? * SAT", jobs.get("check").get("cron").asText());
            assertTrue(jobs.get("prune").get("next").isNull(), response.body());
            assertFalse(response.body().contains(TestSetup.PASSWORD));
            assertFalse(response.body().contains(setup.repository().toString()), "no repository path in /status");
        }
    }

    @Test
    void should_export_typed_metrics_computed_from_the_catalogue_at_each_scrape() throws Exception {
        TestSetup setup = setup(tmp);
        try (Engine engine = StatusFixture.engine(setup); StatusServer server = StatusServer.start(engine)) {
            String empty = StatusFixture.get(server.port(), "/metrics").body();
            for (String state : ClaimState.STATES) {
                assertEquals(0.0, value(empty, "claimback_claims{state=\"" + state + "\"}"), empty);
            }
            assertEquals(0.0, value(empty, "claimback_backup_added_bytes_total"), empty);
            assertFalse(empty.contains("claimback_repository_check_errors "), "no check yet: no sample\n" + empty);

            fill(engine.catalog(), engine.config().host());
            Thread.sleep(1100); // the report of one scrape is reused for a second
            String body = StatusFixture.get(server.port(), "/metrics").body();
            Map<String, String> types = types(body);
            assertEquals("gauge", types.get("claimback_last_success_timestamp_seconds"), body);
            assertEquals("gauge", types.get("claimback_backup_duration_seconds"));
            assertEquals("counter", types.get("claimback_backup_added_bytes_total"));
            assertEquals("counter", types.get("claimback_runs_total"));
            assertEquals("gauge", types.get("claimback_repository_check_errors"));
            assertEquals("gauge", types.get("claimback_repository_last_check_timestamp_seconds"));
            assertEquals("gauge", types.get("claimback_claims"));
            assertEquals("gauge", types.get("claimback_pending_shrinks"));
            assertEquals("gauge", types.get("claimback_up"));

            assertEquals(T0.plusSeconds(86402).getEpochSecond(), value(body, "claimback_last_success_timestamp_seconds{claim=\"default/web\"}"));
            assertEquals(T0.plusSeconds(10).getEpochSecond(), value(body, "claimback_last_success_timestamp_seconds{claim=\"db/postgres\"}"));
            assertFalse(body.contains("claimback_last_success_timestamp_seconds{claim=\"new/empty\"}"), body);
            assertEquals(2.0, value(body, "claimback_backup_duration_seconds{claim=\"default/web\"}"));
            assertEquals(5.0, value(body, "claimback_backup_duration_seconds{claim=\"db/postgres\"}"));
            assertEquals(1000 + 5000 + 10 + 200 + 3 + 0, value(body, "claimback_backup_added_bytes_total"));
            assertEquals(4.0, value(body, "claimback_runs_total{kind=\"backup\",state=\"ok\"}"));
            assertEquals(1.0, value(body, "claimback_runs_total{kind=\"backup\",state=\"failed\"}"));
            assertEquals(1.0, value(body, "claimback_runs_total{kind=\"check\",state=\"failed\"}"));
            assertEquals(2.0, value(body, "claimback_repository_check_errors"));
            assertEquals(T0.plusSeconds(90120).getEpochSecond(), value(body, "claimback_repository_last_check_timestamp_seconds"));
            for (String state : List.of("ok", "failing", "partial", "suspicious", "never-backed-up", "no-volume")) {
                assertEquals(1.0, value(body, "claimback_claims{state=\"" + state + "\"}"), state + "\n" + body);
            }
            assertEquals(1.0, value(body, "claimback_pending_shrinks{claim=\"media/library\"}"));
            assertEquals(0.0, value(body, "claimback_pending_shrinks{claim=\"default/web\"}"));

            engine.catalog().acceptShrinks(engine.claimResolver().resolve("media/library").id(), Instant.now());
            Thread.sleep(1100);
            String after = StatusFixture.get(server.port(), "/metrics").body();
            assertEquals(0.0, value(after, "claimback_pending_shrinks{claim=\"media/library\"}"), after);
            assertEquals(0.0, value(after, "claimback_claims{state=\"suspicious\"}"), after);
        }
    }

    @Test
    void should_ask_for_the_bearer_token_on_every_path_but_healthz() throws Exception {
        TestSetup setup = setup(tmp);
        Path token = Files.writeString(tmp.resolve("status.token"), "s3cr3t-token-value\n");
        try (Engine engine = Engine.open(StatusFixture.config(setup, token)); StatusServer server = StatusServer.start(engine)) {
            assertEquals(200, StatusFixture.get(server.port(), "/healthz").statusCode());
            for (String path : List.of("/metrics", "/status", "/nothing")) {
                HttpResponse<String> none = StatusFixture.get(server.port(), path);
                assertEquals(401, none.statusCode(), path);
                assertTrue(none.headers().firstValue("WWW-Authenticate").orElse("").startsWith("Bearer"), path);
                assertEquals(401, StatusFixture.get(server.port(), path, "Bearer wrong").statusCode(), path);
                assertEquals(401, StatusFixture.get(server.port(), path, "Basic czNjcjN0LXRva2VuLXZhbHVl").statusCode(), path);
            }
            assertEquals(200, StatusFixture.get(server.port(), "/metrics", "Bearer s3cr3t-token-value").statusCode());
            assertEquals(200, StatusFixture.get(server.port(), "/status", "Bearer s3cr3t-token-value").statusCode());
            assertEquals(404, StatusFixture.get(server.port(), "/nothing", "Bearer s3cr3t-token-value").statusCode());
        }
    }

    @Test
    void should_refuse_to_start_with_an_empty_token_file_naming_the_key() throws Exception {
        TestSetup setup = setup(tmp);
        Path token = Files.writeString(tmp.resolve("status.token"), "\n");
        try (Engine engine = Engine.open(StatusFixture.config(setup, token))) {
            var e = org.junit.jupiter.api.Assertions.assertThrows(org.claimback.outcome.UserError.class, () -> StatusServer.start(engine));
            assertTrue(e.getMessage().startsWith("status.tokenFile " + token + " is empty"), e.getMessage());
        }
    }

    /** The value of one sample line, e.g. {@code claimback_claims{state="ok"}}. */
    static double value(String body, String sample) {
        Matcher m = Pattern.compile("(?m)^" + Pattern.quote(sample) + " (\\S+)$").matcher(body);
        assertTrue(m.find(), () -> sample + " is not in\n" + body);
        return Double.parseDouble(m.group(1));
    }

    /** Metric name → type from the {@code # TYPE} lines. */
    static Map<String, String> types(String body) {
        Map<String, String> types = new HashMap<>();
        Matcher m = Pattern.compile("(?m)^# TYPE (\\S+) (\\S+)$").matcher(body);
        while (m.find()) {
            types.put(m.group(1), m.group(2));
        }
        return types;
    }

}
