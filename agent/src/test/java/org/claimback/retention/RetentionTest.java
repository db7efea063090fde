package org.claimback.retention;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.claimback.backup.BackupListener;
import org.claimback.catalog.ClaimRecord;
import org.claimback.catalog.RunRecord;
import org.claimback.catalog.SnapshotRecord;
import org.claimback.config.ConfigLoader;
import org.claimback.engine.Engine;
import org.claimback.outcome.ExitCode;
import org.claimback.restic.Snapshot;
import org.claimback.restic.SnapshotFilter;
import org.claimback.schedule.BackupAll;
import org.claimback.testing.TestSetup;
import org.claimback.testing.VolumeTrees;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Retention against real restic repositories: restic's policy, vetted by the rules. */
class RetentionTest {
    @TempDir
    Path tmp;

    /** Three backups of default/web (and one of default/db), with keepLast 1. */
    private Engine threeBackups(Path restic) throws Exception {
        TestSetup setup = TestSetup.create(tmp, restic);
        setup.writeConfig("retention:\n  keepLast: 1\nagent:\n  lockWait: 3s\n");
        Path web = setup.export().newVolume("default", "web");
        Path db = setup.export().newVolume("default", "db");
        VolumeTrees.write(db.resolve("data"), "db".getBytes());
        Engine engine = Engine.open(ConfigLoader.load(setup.config()));
        for (int i = 1; i <= 3; i++) {
            VolumeTrees.write(web.resolve("page" + i + ".html"), ("page " + i).getBytes());
            boolean first = i == 1;
            BackupAll.run(engine, "cli", BackupListener.NONE, c -> "web".equals(c.name()) || first, false);
        }
        return engine;
    }

    private static ClaimRecord claim(Engine engine, String name) {
        return engine.catalog().claimNamed("default", name).orElseThrow();
    }

    /** The claim's snapshot records, oldest first. */
    private static List<SnapshotRecord> made(Engine engine, ClaimRecord claim) {
        return engine.catalog().snapshotsOf(claim.id()).stream()
                .sorted(java.util.Comparator.comparing(SnapshotRecord::time)).toList();
    }

    private static List<String> snapshotsInRepo(Engine engine, String key) {
        return engine.restic().snapshots(SnapshotFilter.tagged("claim-key=" + key)).stream().map(Snapshot::shortId).toList();
    }

    @ParameterizedTest
    @MethodSource("org.claimback.testing.ResticBinaries#all")
    void should_keep_the_last_good_snapshot_when_the_policy_keeps_only_a_suspicious_one(Path restic) throws Exception {
        try (Engine engine = threeBackups(restic)) {
            ClaimRecord web = claim(engine, "web");
            List<SnapshotRecord> made = made(engine, web);
            assertEquals(3, made.size(), made::toString);
            SnapshotRecord first = made.get(0);
            SnapshotRecord second = made.get(1);
            SnapshotRecord third = made.get(2);
            engine.catalog().setSuspicious(third.id(), true);

            assertEquals(ExitCode.OK, Retention.of(engine).runAll("cli"));

            assertEquals(List.of(second.shortId(), third.shortId()), snapshotsInRepo(engine, "default-web"));
            assertEquals(List.of(second.shortId(), third.shortId()),
                    made(engine, web).stream().map(SnapshotRecord::shortId).toList());
            RunRecord run = engine.catalog().runsOfKind("retention", web.id(), 1).get(0);
            assertEquals("ok", run.state(), run::toString);
            assertTrue(run.detail().contains("keep " + second.shortId() + ": last good snapshot of default/web (rule keep-last-good)"),
                    run.detail());
            assertTrue(run.detail().contains("keep " + third.shortId() + ": last snapshot (restic)"), run.detail());
            assertTrue(run.detail().contains("remove " + first.shortId() + ": "), run.detail());
            assertEquals(1, snapshotsInRepo(engine, "default-db").size(), "another claim's snapshots are untouched");
        }
    }

    @ParameterizedTest
    @MethodSource("org.claimback.testing.ResticBinaries#all")
    void should_keep_everything_before_a_pending_shrink_until_it_is_accepted(Path restic) throws Exception {
        try (Engine engine = threeBackups(restic)) {
            ClaimRecord web = claim(engine, "web");
            List<SnapshotRecord> made = made(engine, web);
            engine.catalog().addShrink(web.id(), made.get(2).time(), null, made.get(2).resticId(), "test: 3 files, was 300");

            ClaimPlan dryRun = Retention.of(engine).plan(web);
            assertEquals(List.of(), dryRun.removals(), dryRun::detail);
            assertEquals("keep-before-shrink", dryRun.decisions().get(0).rule(), dryRun::detail);
            assertEquals(ExitCode.OK, Retention.of(engine).apply(List.of(web), "cli"));
            assertEquals(3, snapshotsInRepo(engine, "default-web").size());

            engine.catalog().acceptShrinks(web.id(), engine.clock().instant());
            ClaimPlan plan = Retention.of(engine).plan(web);
            assertEquals(2, plan.removals().size(), plan::detail);
            assertEquals(3, snapshotsInRepo(engine, "default-web").size(), "a plan changes nothing");
            assertEquals(ExitCode.OK, Retention.of(engine).apply(List.of(web), "cli"));
            assertEquals(List.of(made.get(2).shortId()), snapshotsInRepo(engine, "default-web"));
            assertEquals(1, engine.catalog().snapshotsOf(web.id()).size());
        }
    }

    /** The rules do not depend on restic's version: one version is enough (the test class stays fast). */
    @org.junit.jupiter.api.Test
    void should_keep_a_snapshot_the_catalogue_does_not_know() throws Exception {
        try (Engine engine = threeBackups(org.claimback.testing.ResticBinaries.v014())) {
            ClaimRecord web = claim(engine, "web");
            SnapshotRecord first = made(engine, web).get(0);
            engine.catalog().deleteSnapshots(List.of(first.id()));

            ClaimPlan plan = Retention.of(engine).plan(web);

            Decision firstDecision = plan.decisions().get(0);
            assertTrue(firstDecision.keep(), plan::detail);
            assertEquals("keep-unknown", firstDecision.rule(), plan::detail);
            assertEquals(1, plan.removals().size(), plan::detail);
            assertFalse(plan.detail().isEmpty());
        }
    }
}
