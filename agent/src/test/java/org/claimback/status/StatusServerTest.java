package org.claimback.status;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.claimback.backup.BackupListener;
import org.claimback.catalog.ClaimRecord;
import org.claimback.catalog.RunRecord;
import org.claimback.config.ConfigLoader;
import org.claimback.drill.DrillEngine;
import org.claimback.drill.DrillResult;
import org.claimback.engine.Engine;
import org.claimback.outcome.UserError;
import org.claimback.schedule.BackupAll;
import org.claimback.testing.TestSetup;
import org.claimback.testing.VolumeTrees;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The metrics endpoint on a free loopback port, scraped over HTTP before and after a real drill. */
@Timeout(180)
class StatusServerTest {
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @TempDir
    Path tmp;

    static HttpResponse<String> get(int port, String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    static double sample(String body, String metric, String claim) {
        Matcher m = Pattern.compile("(?m)^" + metric + "\\{claim=\"" + Pattern.quote(claim) + "\"} (\\S+)$").matcher(body);
        assertTrue(m.find(), () -> metric + "{claim=\"" + claim + "\"} is not in\n" + body);
        return Double.parseDouble(m.group(1));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("org.claimback.testing.ResticBinaries#all")
    void should_serve_each_claims_last_successful_drill_read_from_the_catalogue_at_scrape_time(Path restic) throws Exception {
        TestSetup setup = TestSetup.create(tmp, restic);
        VolumeTrees.realistic(setup.export().newVolume("default", "web"), 1);
        VolumeTrees.write(setup.export().newVolume("media", "library").resolve("song.ogg"), "la la".getBytes());
        try (Engine engine = StatusFixture.engine(setup);
             StatusServer server = StatusServer.start(engine)) {
            BackupAll.run(engine, "cli", BackupListener.NONE);
            HttpResponse<String> before = get(server.port(), "/metrics");
            assertEquals(200, before.statusCode());
            assertTrue(Pattern.compile("(?m)^claimback_up 1(\\.0)?$").matcher(before.body()).find(), before::body);
            assertFalse(before.body().contains("claimback_drill_last_success_timestamp_seconds{"), before::body);

            ClaimRecord web = engine.claimResolver().resolve("default/web");
            DrillResult drill = DrillEngine.of(engine).drill(web, "cli");
            assertTrue(drill.ok(), drill::toString);
            RunRecord run = engine.catalog().runById(drill.runId()).orElseThrow();

            String body = get(server.port(), "/metrics").body();
            assertTrue(body.contains("# TYPE claimback_drill_last_success_timestamp_seconds gauge\n"), body);
            assertTrue(body.contains("# TYPE claimback_drill_last_duration_seconds gauge\n"), body);
            assertTrue(body.contains("# TYPE claimback_up gauge\n"), body);
            assertEquals(run.endedAt().toEpochMilli() / 1000.0,
                    sample(body, "claimback_drill_last_success_timestamp_seconds", "default/web"), 0.001);
            assertEquals(run.duration().toMillis() / 1000.0, sample(body, "claimback_drill_last_duration_seconds", "default/web"), 0.001);
            assertTrue(run.endedAt().isAfter(Instant.now().minusSeconds(120)));
            assertFalse(body.contains("claimback_drill_last_success_timestamp_seconds{claim=\"media/library\"}"), "a claim never drilled has no sample\n" + body);

            HttpResponse<String> health = get(server.port(), "/healthz");
            assertEquals(200, health.statusCode());
            assertEquals("ok\n", health.body());
            assertEquals(404, get(server.port(), "/nothing-here").statusCode());
        }
    }

    @Test
    void should_refuse_a_port_in_use_naming_the_key() throws Exception {
        TestSetup setup = TestSetup.create(tmp, Path.of("/usr/bin/restic"));
        try (Engine engine = StatusFixture.engine(setup);
             StatusServer first = StatusServer.start(engine)) {
            setup.writeConfig("status:\n  listen: 127.0.0.1:" + first.port() + "\n");
            Engine second = Engine.open(ConfigLoader.load(setup.config()));
            UserError e = org.junit.jupiter.api.Assertions.assertThrows(UserError.class, () -> StatusServer.start(second));
            second.close();
            assertTrue(e.getMessage().startsWith("status.listen 127.0.0.1:" + first.port() + ": cannot listen there"), e.getMessage());
            assertTrue(e.getMessage().contains("status.listen: off"), e.getMessage());
        }
    }
}
