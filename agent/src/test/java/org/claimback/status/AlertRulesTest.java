package org.claimback.status;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.claimback.engine.Engine;
import org.claimback.testing.ResticBinaries;
import org.claimback.testing.TestSetup;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The shipped alert rules name only metrics the endpoint really exports. */
class AlertRulesTest {
    /** Names that are PromQL or Prometheus' own, not claimback's. */
    private static final Set<String> NOT_OURS = Set.of("up");

    @TempDir
    Path tmp;

    @Test
    void should_name_only_metrics_the_endpoint_exports() throws Exception {
        Path rules = ResticBinaries.repoRoot().resolve("install/prometheus/claimback-alerts.yaml");
        JsonNode yaml = new ObjectMapper(new YAMLFactory()).readTree(rules.toFile());
        List<String> exprs = new ArrayList<>();
        yaml.get("groups").forEach(g -> g.get("rules").forEach(r -> exprs.add(r.get("expr").asText())));
        assertTrue(exprs.size() >= 5, exprs::toString);

        TestSetup setup = StatusEndpointTest.setup(tmp);
        Set<String> exported = new HashSet<>();
        try (Engine engine = StatusFixture.engine(setup); StatusServer server = StatusServer.start(engine)) {
            StatusEndpointTest.fill(engine.catalog(), engine.config().host());
            String body = StatusFixture.get(server.port(), "/metrics").body();
            Matcher sample = Pattern.compile("(?m)^([a-z_]+)[{ ]").matcher(body);
            while (sample.find()) {
                exported.add(sample.group(1));
            }
        }
        Set<String> named = new HashSet<>();
        for (String expr : exprs) {
            Matcher m = Pattern.compile("\\bclaimback_[a-z_]+").matcher(expr);
            while (m.find()) {
                named.add(m.group());
            }
        }
        assertFalse(named.isEmpty());
        for (String metric : named) {
            assertTrue(exported.contains(metric) || NOT_OURS.contains(metric), metric + " is not exported; exported: " + exported);
        }
        for (String must : List.of("claimback_last_success_timestamp_seconds", "claimback_pending_shrinks",
                "claimback_repository_check_errors", "claimback_up", "claimback_runs_total")) {
            assertTrue(named.contains(must), must + " has no alert");
        }
    }
}
