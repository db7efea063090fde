package org.claimback.hosts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.claimback.backup.BackupListener;
import org.claimback.backup.VolumeBackup;
import org.claimback.catalog.ClaimRecord;
import org.claimback.catalog.RunRecord;
import org.claimback.catalog.SnapshotRecord;
import org.claimback.catalogcopy.CatalogRebuild;
import org.claimback.catalogcopy.OrphanAdoption;
import org.claimback.catalogcopy.RebuildResult;
import org.claimback.claims.ClaimRef;
import org.claimback.engine.Engine;
import org.claimback.outcome.ExitCode;
import org.claimback.outcome.UserError;
import org.claimback.restic.Snapshot;
import org.claimback.restic.SnapshotFilter;
import org.claimback.restore.SnapshotChoice;
import org.claimback.restore.SnapshotQuery;
import org.claimback.retention.Retention;
import org.claimback.schedule.BackupAll;
import org.claimback.testing.TreeManifest;
import org.claimback.testing.VolumeTrees;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Two NFS servers (hosts nfs-a and nfs-b) share one repository, each with a claim of its own and
 * one claim key both have (default/shared); a third machine (nfs-c) rebuilds its catalogue from
 * every host's snapshots and restores from each.
 */
class SharedRepositoryTest {
    @TempDir
    Path tmp;

    @ParameterizedTest(name = "restic {0}")
    @MethodSource("org.claimback.testing.ResticBinaries#all")
    void two_servers_back_up_one_repository_at_once_and_a_third_restores_each_ones_claims(Path restic) throws Exception {
        Path repository = tmp.resolve("shared-repo");
        SharedHost a = SharedHost.create(tmp.resolve("a"), restic, "nfs-a", repository, "retention:\n  keepLast: 1\n");
        SharedHost b = SharedHost.create(tmp.resolve("b"), restic, "nfs-b", repository, "retention:\n  keepLast: 1\n");
        SharedHost c = SharedHost.create(tmp.resolve("c"), restic, "nfs-c", repository, "");
        Path onlyA = a.setup().export().newVolume("default", "alpha");
        VolumeTrees.realistic(onlyA, 1);
        Path sharedA = a.setup().export().newVolume("default", "shared");
        VolumeTrees.write(sharedA.resolve("who.txt"), "server a's shared claim".getBytes());
        Path onlyB = b.setup().export().newVolume("media", "beta");
        VolumeTrees.realistic(onlyB, 2);
        Path sharedB = b.setup().export().newVolume("default", "shared");
        VolumeTrees.write(sharedB.resolve("who.txt"), "server b's shared claim, longer".getBytes());

        try (Engine ea = a.open(); Engine eb = b.open()) {
            ea.repositoryAccess().readyForBackup(); // the repository is made once, before the servers share it

            // 1. both servers back up at the same time, one thread and one engine each
            List<List<VolumeBackup>> first = atOnce(() -> BackupAll.run(ea, "cli", BackupListener.NONE),
                    () -> BackupAll.run(eb, "cli", BackupListener.NONE));
            first.forEach(results -> results.forEach(r -> assertEquals(ExitCode.OK, r.exitCode(), r::toString)));
            assertEquals(List.of(2, 2), first.stream().map(List::size).toList());
            Instant[] spanA = backupSpan(ea);
            Instant[] spanB = backupSpan(eb);
            assertTrue(spanA[0].isBefore(spanB[1]) && spanB[0].isBefore(spanA[1]),
                    () -> "the two servers' backups did not overlap: a " + List.of(spanA) + ", b " + List.of(spanB));

            // 2. each catalogue lists only its own claims and snapshots
            assertEquals(Set.of("default-alpha", "default-shared"), claimKeys(ea));
            assertEquals(Set.of("media-beta", "default-shared"), claimKeys(eb));
            assertEquals(Set.of("nfs-a"), hosts(ea.catalog().snapshots()));
            assertEquals(Set.of("nfs-b"), hosts(eb.catalog().snapshots()));
            assertEquals(Map.of("nfs-a", 2L, "nfs-b", 2L), perHost(ea));
            assertEquals(0, OrphanAdoption.adopt(ea).snapshotsAdded(), "the agent's start adopts none of b's snapshots");

            // 3. a second day on server a; its retention (keepLast 1) forgets a's older snapshots only
            VolumeTrees.write(onlyA.resolve("day2.txt"), "second day".getBytes());
            VolumeTrees.write(sharedA.resolve("day2.txt"), "second day of a's shared".getBytes());
            BackupAll.run(ea, "cli", BackupListener.NONE).forEach(r -> assertEquals(ExitCode.OK, r.exitCode(), r::toString));
            assertEquals(Map.of("nfs-a", 4L, "nfs-b", 2L), perHost(ea));
            assertEquals(ExitCode.OK, Retention.of(ea).runAll("cli"));
            assertEquals(Map.of("nfs-a", 2L, "nfs-b", 2L), perHost(ea), "a's retention forgot a's own, never b's");
            assertEquals(2, ea.catalog().snapshots().size());
            assertEquals(2, eb.catalog().snapshots().size());

            // 4. server a does not know b's own claim, and refuses the shared one named with b's host
            UserError notOurs = assertThrows(UserError.class, () -> ea.claimResolver().resolveManaged("media-beta", "nfs-a"));
            assertEquals(ExitCode.USAGE, notOurs.exitCode());
            UserError otherHost = assertThrows(UserError.class,
                    () -> ea.claimResolver().resolveManaged("default/shared@nfs-b", "nfs-a"));
            assertTrue(otherHost.getMessage().contains("this host does not manage it"), otherHost::getMessage);
        }
        TreeManifest onlyAState = TreeManifest.of(onlyA);
        TreeManifest sharedAState = TreeManifest.of(sharedA);
        TreeManifest onlyBState = TreeManifest.of(onlyB);
        TreeManifest sharedBState = TreeManifest.of(sharedB);

        // 5. a third machine rebuilds its catalogue from every host's snapshots
        RebuildResult rebuilt = CatalogRebuild.of(c.config()).rebuild(false, true);
        assertEquals(4, rebuilt.merged().snapshotsAdded(), rebuilt::toString);
        assertEquals(0, rebuilt.otherHostSnapshots(), rebuilt::toString);
        try (Engine ec = c.open()) {
            assertEquals(Set.of("default-alpha", "media-beta", "default-shared"), claimKeys(ec));
            ClaimRecord shared = ec.claimResolver().resolve("default/shared");
            assertEquals(Set.of("nfs-a", "nfs-b"), hosts(ec.catalog().snapshotsOf(shared.id())), "one claim, both hosts");
            assertTrue(ec.catalog().volumes().stream().noneMatch(v -> v.state().equals("live")),
                    "other servers' directories are never live here");
            UserError refused = assertThrows(UserError.class, () -> ec.claimResolver().resolveManaged("default/alpha", "nfs-c"));
            assertTrue(refused.getMessage().contains("backed up by nfs-a") && refused.getMessage().contains("does not manage"),
                    refused::getMessage);

            // 6. the shared claim without a host is refused, naming both hosts; CLAIM@HOST picks one
            UserError which = assertThrows(UserError.class, () -> SnapshotChoice.choose(ec.catalog(), shared, SnapshotQuery.NEWEST));
            assertEquals(ExitCode.USAGE, which.exitCode());
            assertTrue(which.getMessage().contains("nfs-a, nfs-b") && which.getMessage().contains("default-shared@HOST"),
                    which::getMessage);

            assertEquals(List.of(), onlyAState.differences(restore(ec, "default/alpha", "alpha")));
            assertEquals(List.of(), onlyBState.differences(restore(ec, "media-beta", "beta")));
            assertEquals(List.of(), sharedAState.differences(restore(ec, "default/shared@nfs-a", "shared-a")));
            assertEquals(List.of(), sharedBState.differences(restore(ec, "default-shared@nfs-b", "shared-b")));
        }
    }

    private TreeManifest restore(Engine engine, String argument, String into) throws Exception {
        ClaimRef ref = ClaimRef.parse(argument);
        ClaimRecord claim = engine.claimResolver().resolve(ref);
        SnapshotRecord snapshot = SnapshotChoice.choose(engine.catalog(), claim, SnapshotQuery.NEWEST.withHost(ref.host()));
        Path target = tmp.resolve("restored").resolve(into);
        engine.restoreEngine().restore(claim, snapshot.resticId(), target, false, "cli");
        return TreeManifest.of(target);
    }

    @SafeVarargs
    private static <T> List<T> atOnce(Callable<T>... jobs) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(jobs.length);
        try {
            CyclicBarrier start = new CyclicBarrier(jobs.length);
            List<Future<T>> futures = java.util.Arrays.stream(jobs).map(job -> pool.submit(() -> {
                start.await(30, TimeUnit.SECONDS);
                return job.call();
            })).toList();
            List<T> results = new java.util.ArrayList<>();
            for (Future<T> f : futures) {
                results.add(f.get(120, TimeUnit.SECONDS));
            }
            return results;
        } finally {
            pool.shutdownNow();
        }
    }

    /** When the engine's backup runs began (the first) and ended (the last). */
    private static Instant[] backupSpan(Engine engine) {
        List<RunRecord> runs = engine.catalog().runs(null, 100).stream().filter(r -> r.kind().equals("backup")).toList();
        return new Instant[] {runs.stream().map(RunRecord::startedAt).min(Instant::compareTo).orElseThrow(),
            runs.stream().map(RunRecord::endedAt).max(Instant::compareTo).orElseThrow()};
    }

    private static Set<String> claimKeys(Engine engine) {
        return engine.catalog().claims().stream().map(ClaimRecord::claimKey).collect(Collectors.toCollection(TreeSet::new));
    }

    private static Set<String> hosts(List<SnapshotRecord> snapshots) {
        return snapshots.stream().map(SnapshotRecord::host).collect(Collectors.toCollection(TreeSet::new));
    }

    /** The repository's claimback snapshots per host, as restic lists them. */
    private static Map<String, Long> perHost(Engine engine) {
        return engine.restic().snapshots(SnapshotFilter.ALL).stream()
                .filter(s -> s.tags().contains(org.claimback.backup.SnapshotTags.MARK))
                .collect(Collectors.groupingBy(Snapshot::hostname, Collectors.counting()));
    }
}
