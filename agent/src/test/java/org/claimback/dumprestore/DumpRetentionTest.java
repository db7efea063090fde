package org.claimback.dumprestore;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.claimback.backup.BackupListener;
import org.claimback.catalog.ClaimRecord;
import org.claimback.catalog.DumpRecord;
import org.claimback.catalog.RunRecord;
import org.claimback.config.ConfigLoader;
import org.claimback.engine.Engine;
import org.claimback.retention.DumpRetention;
import org.claimback.retention.RetentionOutcome;
import org.claimback.schedule.BackupAll;
import org.claimback.testing.TestSetup;
import org.claimback.testing.VolumeTrees;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Dump retention against real restic: per dump name, never a volume snapshot, never the newest complete dump. */
class DumpRetentionTest {
    @TempDir
    Path tmp;

    /** The short ids of the repository's snapshots carrying all of {@code tags}, oldest first (from one listing). */
    private static List<String> shortIds(JsonNode all, String... tags) {
        List<String> ids = new ArrayList<>();
        all.forEach(s -> {
            List<String> has = new ArrayList<>();
            s.path("tags").forEach(t -> has.add(t.asText()));
            if (has.containsAll(List.of(tags))) {
                ids.add(s.get("short_id").asText());
            }
        });
        return ids;
    }

    @ParameterizedTest(name = "restic {0}")
    @MethodSource("org.claimback.testing.ResticBinaries#all")
    void each_dump_name_keeps_its_own_newest_and_a_volume_snapshot_with_the_same_claim_tags_survives(Path restic) throws Exception {
        TestSetup setup = TestSetup.create(tmp, restic);
        setup.writeConfig("retention:\n  keepLast: 1\nagent:\n  lockWait: 3s\n");
        Path db = setup.export().newVolume("default", "db");
        VolumeTrees.write(db.resolve("base"), "table".getBytes());
        DumpFixture fixture = new DumpFixture(setup);
        Instant t = Instant.now().plusSeconds(60); // dumps newer than the volume snapshot: a forget that reached it would remove it
        try (Engine engine = Engine.open(ConfigLoader.load(setup.config()))) {
            BackupAll.run(engine, "cli", BackupListener.NONE);
            ClaimRecord claim = engine.catalog().claimNamed("default", "db").orElseThrow();
            String volume = engine.catalog().snapshotsOf(claim.id()).get(0).shortId();
            DumpRecord ok1 = fixture.take(engine.catalog(), claim, "app.sql", "one".getBytes(), t, "ok");
            DumpRecord ok2 = fixture.take(engine.catalog(), claim, "app.sql", "two".getBytes(), t.plusSeconds(60), "ok");
            DumpRecord failed3 = fixture.take(engine.catalog(), claim, "app.sql", "th".getBytes(), t.plusSeconds(120), "failed");
            DumpRecord other = fixture.take(engine.catalog(), claim, "other.sql", "x".getBytes(), t.plusSeconds(180), "ok");

            // dump retention alone: the scheduled path (Retention.runAllOutcomes) first forgets failed dumps,
            // which would hide the case where restic's policy keeps only a failed one
            List<RetentionOutcome> outcomes = DumpRetention.of(engine).applyAll("cli");

            assertEquals(List.of("app.sql", "other.sql"), outcomes.stream().map(RetentionOutcome::dump).toList(),
                    outcomes::toString);
            assertTrue(outcomes.stream().allMatch(RetentionOutcome::ok), outcomes::toString);
            JsonNode all = fixture.snapshots("");
            assertEquals(List.of(volume), shortIds(all, "claimback", "claim-key=default-db"),
                    "dump retention (keepLast 1, newer dumps) reached no volume snapshot of the claim");
            assertEquals(List.of(ok2.shortId(), failed3.shortId()), shortIds(all, "claimback-dump", "dump=app.sql"),
                    "restic's keepLast 1 kept the failed dump; the newest complete one stays too");
            assertEquals(List.of(other.shortId()), shortIds(all, "claimback-dump", "dump=other.sql"), "each name on its own");
            assertEquals(List.of(other.id(), failed3.id(), ok2.id()),
                    engine.catalog().dumpsOf(claim.id()).stream().map(DumpRecord::id).toList(), "ok1's row is deleted");
            assertEquals(1, engine.catalog().snapshotsOf(claim.id()).size());

            RunRecord run = engine.catalog().runsOfKind("retention", claim.id(), 10).stream()
                    .filter(r -> r.detail() != null && r.detail().startsWith("dump app.sql")).findFirst().orElseThrow();
            assertEquals("ok", run.state(), run::toString);
            assertTrue(run.detail().contains("keep " + ok2.shortId() + ": the newest complete dump app.sql (rule newest-complete-dump)"),
                    run.detail());
            assertTrue(run.detail().contains("remove " + ok1.shortId() + ": not kept by the policy"), run.detail());
        }
    }
}
