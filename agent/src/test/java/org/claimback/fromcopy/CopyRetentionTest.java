package org.claimback.fromcopy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.claimback.catalog.ClaimRecord;
import org.claimback.catalog.CopyRecord;
import org.claimback.catalog.RunRecord;
import org.claimback.catalog.SnapshotRecord;
import org.claimback.config.ConfigLoader;
import org.claimback.engine.Engine;
import org.claimback.outcome.ExitCode;
import org.claimback.retention.Prune;
import org.claimback.retention.Retention;
import org.claimback.retention.RetentionOutcome;
import org.claimback.testing.ResticBinaries;
import org.claimback.testing.TestSetup;
import org.claimback.testing.VolumeTrees;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Retention and prune reach the offsite copies: the claim's policy and rules there too, copy records kept true. */
class CopyRetentionTest {
    @TempDir
    Path tmp;

    static Stream<Path> restic() {
        return ResticBinaries.all().stream();
    }

    @ParameterizedTest(name = "restic {0}")
    @MethodSource("restic")
    void retention_forgets_in_the_copy_what_the_policy_lets_go_but_keeps_the_last_good_snapshot_there_too(Path restic)
            throws Exception {
        TestSetup setup = TestSetup.create(tmp.resolve("server"), restic);
        Path web = setup.export().newVolume("default", "web");
        try (Engine engine = Engine.open(ConfigLoader.load(setup.config()))) {
            for (int night = 1; night <= 3; night++) {
                VolumeTrees.write(web.resolve("night.txt"), ("night " + night + "\n").getBytes(StandardCharsets.UTF_8));
                RestoreFromCopyTest.backUpAll(engine);
            }
        }
        PlainResticCopy copy = PlainResticCopy.create(setup, tmp.resolve("offsite"));
        copy.copyAll();
        setup.writeConfig("retention:\n  keepLast: 1\nagent:\n  lockWait: 3s\n" + copy.configYaml("offsite"));
        try (Engine engine = Engine.open(ConfigLoader.load(setup.config()))) {
            RestoreFromCopyTest.recordCopies(engine, copy);
            ClaimRecord claim = engine.claimResolver().resolve("default/web");
            List<SnapshotRecord> newestFirst = engine.catalog().snapshotsOf(claim.id());
            assertEquals(3, newestFirst.size());
            engine.catalog().setSuspicious(newestFirst.get(0).id(), true); // the shrink guard flagged the newest

            List<RetentionOutcome> outcomes = Retention.of(engine).runAllOutcomes("cli");

            RetentionOutcome inCopy = outcomes.stream().filter(o -> "offsite".equals(o.copy())).findFirst()
                    .orElseThrow(() -> new AssertionError("no retention in the copy: " + outcomes));
            assertTrue(inCopy.ok(), inCopy::toString);
            assertEquals(claim.id(), inCopy.claim().id());
            Set<String> kept = Set.of(newestFirst.get(0).shortId(), newestFirst.get(1).shortId());
            Set<String> originalsLeft = copy.snapshots().stream().filter(s -> s.hasNonNull("original"))
                    .map(s -> s.get("original").asText().substring(0, 8)).collect(Collectors.toSet());
            assertEquals(kept, originalsLeft, "the copy keeps the newest (policy) and the last good one (rule): " + inCopy);
            assertTrue(inCopy.plan().detail().contains("keep " + newestFirst.get(1).shortId()
                    + ": last good snapshot of default/web (rule keep-last-good)"), inCopy.plan().detail());
            assertEquals(kept, engine.catalog().copiesIn("offsite").stream().map(c -> c.resticId().substring(0, 8))
                    .collect(Collectors.toSet()), "copy records follow what the copy still holds");
            Set<String> copyIdsLeft = copy.snapshots().stream().map(s -> s.get("id").asText()).collect(Collectors.toSet());
            assertEquals(copyIdsLeft, engine.catalog().copiesIn("offsite").stream().map(CopyRecord::copyResticId)
                    .collect(Collectors.toSet()));
            RunRecord run = engine.catalog().runsOfKind("retention", claim.id(), 10).stream()
                    .filter(r -> r.id() == inCopy.runId()).findFirst().orElseThrow();
            assertEquals("ok", run.state());

            assertEquals(ExitCode.OK, Prune.of(engine).run("cli"));
            List<RunRecord> prunes = engine.catalog().runsOfKind("prune", null, 10);
            assertEquals(2, prunes.size(), prunes::toString);
            assertTrue(prunes.stream().anyMatch(r -> r.detail() != null && r.detail().startsWith("copy offsite")), prunes::toString);
            List<JsonNode> after = copy.snapshots();
            assertEquals(2, after.size(), "prune leaves the copy's snapshots alone: " + after);
        }
    }
}
