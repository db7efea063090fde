package org.claimback.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Instant;
import org.claimback.catalog.Catalog;
import org.claimback.testing.ResticBinaries;
import org.claimback.testing.TestSetup;
import org.claimback.testing.VolumeTrees;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code claimback runs} and {@code claimback status} after a real backup, with the agent down. */
class ListRunsCommandTest {
    @TempDir
    Path tmp;

    private TestSetup backedUp() throws Exception {
        TestSetup setup = TestSetup.create(tmp, ResticBinaries.v014());
        int port;
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort(); // nothing listens there: the agent is down
        }
        setup.writeConfig("status:\n  listen: 127.0.0.1:" + port + "\n");
        VolumeTrees.write(setup.export().newVolume("default", "web").resolve("index.html"), "<h1>hi</h1>".getBytes());
        setup.export().newVolume("media", "library");
        CliRun backup = CliRun.of("--config", setup.config().toString(), "backup", "default/web");
        assertEquals(0, backup.exitCode(), backup::toString);
        try (Catalog db = Catalog.open(setup.catalog())) {
            long check = db.startRun("check", null, null, "claimback-test", "schedule", Instant.now());
            db.finishRun(check, "failed", "restic check found 3 errors: run claimback runs --kind check --json", null, Instant.now());
            db.recordRunProblems(check, 3);
            db.recordRunDetail(check, "error: pack 1234abcd: not referenced\nerror: tree 5678: missing");
        }
        return setup;
    }

    @Test
    void should_list_runs_newest_first_with_states_and_reasons() throws Exception {
        TestSetup setup = backedUp();
        String config = setup.config().toString();
        CliRun all = CliRun.of("--config", config, "runs");
        assertEquals(0, all.exitCode(), all::toString);
        String[] lines = all.out().split("\n");
        assertTrue(lines[0].startsWith("ID"), all::toString);
        assertTrue(lines[1].contains("check") && lines[1].contains("failed") && lines[1].contains("3 errors"), all::toString);
        assertTrue(lines[2].contains("backup") && lines[2].contains("default/web") && lines[2].contains("ok"), all::toString);

        CliRun web = CliRun.of("--config", config, "runs", "default/web", "--json");
        assertEquals(0, web.exitCode(), web::toString);
        JsonNode runs = web.json().get("runs");
        assertEquals(1, runs.size(), web::toString);
        assertEquals("backup", runs.get(0).get("kind").asText());
        assertEquals("ok", runs.get(0).get("state").asText());
        assertEquals("default/web", runs.get(0).get("claim").asText());
        assertTrue(runs.get(0).get("snapshot").asText().length() >= 8, web::toString);
        assertTrue(runs.get(0).get("bytesAdded").isNumber() || runs.get(0).get("bytesAdded").isNull(), web::toString);

        CliRun checks = CliRun.of("--config", config, "runs", "--kind", "check", "--json");
        JsonNode check = checks.json().get("runs").get(0);
        assertEquals(3, check.get("problems").asLong(), checks::toString);
        assertTrue(check.get("detail").asText().contains("not referenced"), checks::toString);
        assertTrue(check.get("claim").isNull());
    }

    @Test
    void should_refuse_a_bad_limit_or_kind_with_exit_code_2() throws Exception {
        TestSetup setup = TestSetup.create(tmp, ResticBinaries.v014());
        CliRun limit = CliRun.of("--config", setup.config().toString(), "runs", "--limit", "0");
        assertEquals(2, limit.exitCode(), limit::toString);
        assertTrue(limit.err().contains("--limit 0"), limit::toString);
        CliRun kind = CliRun.of("--config", setup.config().toString(), "runs", "--kind", "backups");
        assertEquals(2, kind.exitCode(), kind::toString);
        assertTrue(kind.err().contains("use one of backup"), kind::toString);
    }

    @Test
    void should_show_the_status_from_the_catalogue_while_the_agent_is_down() throws Exception {
        TestSetup setup = backedUp();
        String config = setup.config().toString();
        CliRun table = CliRun.of("--config", config, "status");
        assertEquals(0, table.exitCode(), table::toString);
        assertTrue(table.out().startsWith("agent: not answering at 127.0.0.1:"), table::toString);
        assertTrue(table.out().contains("(the report is from the catalogue)"), table::toString);
        assertTrue(table.out().lines().anyMatch(l -> l.startsWith("default/web") && l.contains(" ok ")), table::toString);
        assertTrue(table.out().lines().anyMatch(l -> l.startsWith("media/library") && l.contains("never-backed-up")), table::toString);
        assertTrue(table.out().contains("last check failed"), table::toString);

        CliRun json = CliRun.of("--config", config, "status", "--json");
        assertEquals(0, json.exitCode(), json::toString);
        JsonNode report = json.json();
        assertEquals("claimback-test", report.get("host").asText());
        assertEquals(1, report.get("counts").get("ok").asInt(), json::toString);
        assertEquals(1, report.get("counts").get("never-backed-up").asInt(), json::toString);
        assertEquals(3, report.get("repository").get("lastCheck").get("problems").asInt(), json::toString);
        assertTrue(report.get("claims").get(0).has("nextRun"), json::toString);
    }
}
