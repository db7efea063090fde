package org.claimback.schedule;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.claimback.catalog.RunRecord;
import org.claimback.engine.Engine;
import org.claimback.notify.Notification;
import org.claimback.outcome.ExitCode;
import org.claimback.testing.ResticBinaries;
import org.claimback.testing.S3Server;
import org.claimback.testing.VolumeTrees;
import org.claimback.unreachable.RemoteSetup;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Scheduled jobs against a repository server that is down: tried again after a doubling backoff
 * ({@code agent.unreachableRetries}, {@code agent.unreachableBackoff}), each attempt's runs
 * recorded failed, one notification at the end, and the wait cut short by the agent's stop.
 */
class BackupJobUnreachableTest {
    private static final String CREDENTIALS = "AWS_ACCESS_KEY_ID=claimback\nAWS_SECRET_ACCESS_KEY=secret\n";

    @TempDir
    Path tmp;

    @ParameterizedTest
    @MethodSource("org.claimback.testing.ResticBinaries#all")
    void a_scheduled_backup_tries_again_after_a_doubling_backoff_and_each_attempts_run_is_failed(Path restic) throws Exception {
        RemoteSetup setup = RemoteSetup.create(tmp, restic, "s3:http://127.0.0.1:" + RemoteSetup.closedPort() + "/bucket/k8s",
                CREDENTIALS, "agent:\n  unreachableRetries: 2\n  unreachableBackoff: 1s\n");
        VolumeTrees.write(setup.local().export().newVolume("default", "web").resolve("index.html"), "hello".getBytes());

        try (Engine engine = Engine.open(setup.config())) {
            List<Notification> sent = new CopyOnWriteArrayList<>();
            long started = System.nanoTime();
            new BackupJob(engine, BackupGroup.of(engine.config()).get(0), new JobNotices(sent::add, engine.clock())).runOnce();
            Duration took = Duration.ofNanos(System.nanoTime() - started);

            assertTrue(took.compareTo(Duration.ofSeconds(3)) >= 0 && took.compareTo(Duration.ofSeconds(10)) < 0,
                    "waited 1 s, then 2 s: " + took);
            List<RunRecord> runs = engine.catalog().runsOfKind("backup", null, 10);
            assertEquals(3, runs.size(), "one failed run per attempt: " + runs);
            runs.forEach(r -> {
                assertEquals("failed", r.state(), r::toString);
                assertTrue(r.error().startsWith("not started: cannot reach repository " + setup.repository()), r::toString);
                assertEquals("schedule", r.trigger());
            });
            assertEquals(List.of("start", "failure"), sent.stream().map(Notification::event).toList(), "said once: " + sent);
            assertTrue(sent.get(1).message().contains("failed: cannot reach repository " + setup.repository()), sent.get(1)::toString);
        }
    }

    @Test
    void the_agents_stop_ends_the_wait_between_attempts() throws Exception {
        RemoteSetup setup = RemoteSetup.create(tmp, ResticBinaries.v018(), "s3:http://127.0.0.1:" + RemoteSetup.closedPort()
                + "/bucket/k8s", CREDENTIALS, "agent:\n  unreachableRetries: 3\n  unreachableBackoff: 1m\n");
        VolumeTrees.write(setup.local().export().newVolume("default", "web").resolve("index.html"), "hello".getBytes());

        try (Engine engine = Engine.open(setup.config())) {
            List<Notification> sent = new CopyOnWriteArrayList<>();
            CompletableFuture<Void> job = CompletableFuture.runAsync(() -> new BackupJob(engine,
                    BackupGroup.of(engine.config()).get(0), new JobNotices(sent::add, engine.clock())).runOnce());
            while (engine.catalog().runsOfKind("backup", null, 10).isEmpty()) {
                Thread.sleep(50);
            }
            engine.stopSignal().stop();
            job.get(5, TimeUnit.SECONDS);

            assertEquals(1, engine.catalog().runsOfKind("backup", null, 10).size(), "no further attempt");
            assertEquals(List.of("start", "failure"), sent.stream().map(Notification::event).toList());
        }
    }

    @ParameterizedTest
    @MethodSource("org.claimback.testing.ResticBinaries#all")
    void a_scheduled_backup_succeeds_on_a_retry_once_the_s3_server_is_back(Path restic) throws Exception {
        try (S3Server s3 = S3Server.start(tmp.resolve("s3"))) {
            RemoteSetup setup = RemoteSetup.create(tmp.resolve("claimback"), restic, s3.repository("back", "k8s"),
                    "AWS_ACCESS_KEY_ID=" + s3.accessKey() + "\nAWS_SECRET_ACCESS_KEY=" + s3.secretKey() + "\n",
                    "agent:\n  unreachableRetries: 3\n  unreachableBackoff: 1s\n");
            VolumeTrees.write(setup.local().export().newVolume("default", "web").resolve("index.html"), "hello".getBytes());
            try (Engine engine = Engine.open(setup.config())) {
                engine.restic().init();
                s3.kill();
                List<Notification> sent = new CopyOnWriteArrayList<>();
                CompletableFuture<Void> job = CompletableFuture.runAsync(() -> new BackupJob(engine,
                        BackupGroup.of(engine.config()).get(0), new JobNotices(sent::add, engine.clock())).runOnce());
                while (engine.catalog().runsOfKind("backup", null, 10).isEmpty()) {
                    Thread.sleep(50);
                }
                s3.start();
                job.get(60, TimeUnit.SECONDS);

                List<RunRecord> runs = engine.catalog().runsOfKind("backup", null, 10);
                assertEquals("ok", runs.get(0).state(), runs::toString);
                assertTrue(runs.size() >= 2 && runs.subList(1, runs.size()).stream().allMatch(r -> r.state().equals("failed")),
                        runs::toString);
                assertEquals(1, engine.catalog().claims().stream().mapToInt(c -> engine.catalog().snapshotsOf(c.id()).size()).sum());
                assertEquals(List.of("start", "success"), sent.stream().map(Notification::event).toList(), sent::toString);
            }
        }
    }

    @Test
    void a_scheduled_check_starts_no_work_while_the_server_is_down_and_says_why() throws Exception {
        RemoteSetup setup = RemoteSetup.create(tmp, ResticBinaries.v018(), "s3:http://127.0.0.1:" + RemoteSetup.closedPort()
                + "/bucket/k8s", CREDENTIALS, "agent:\n  unreachableRetries: 1\n  unreachableBackoff: 1s\n");
        try (Engine engine = Engine.open(setup.config())) {
            List<Notification> sent = new CopyOnWriteArrayList<>();
            AtomicInteger worked = new AtomicInteger();
            new RepositoryJob(engine, "check", "0 0 6 ? * SAT", e -> {
                worked.incrementAndGet();
                return ExitCode.OK;
            }, new JobNotices(sent::add, engine.clock())).runOnce();

            assertEquals(0, worked.get());
            assertEquals(List.of("start", "failure"), sent.stream().map(Notification::event).toList());
            assertTrue(sent.get(1).message().contains("cannot reach repository " + setup.repository()), sent.get(1)::toString);
        }
    }
}
