package org.claimback.schedule;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.function.Function;
import org.claimback.config.ConfigLoader;
import org.claimback.engine.Engine;
import org.claimback.notify.Notification;
import org.claimback.outcome.ExitCode;
import org.claimback.testing.ResticBinaries;
import org.claimback.testing.TestSetup;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The agent's Quartz wiring in this JVM, with the retention, prune and check work replaced by
 * stand-ins that count, sleep or throw (the real ones have tests of their own).
 */
class AgentSchedulerTest {
    private static final String EVERY_SECOND = "* * * * * ?";
    private static final String YEARLY = "0 0 0 1 1 ?";

    @TempDir
    Path tmp;

    private final Map<String, AtomicInteger> runs = new ConcurrentHashMap<>();
    private final List<Notification> sent = new CopyOnWriteArrayList<>();

    private Engine engine(String schedule) throws Exception {
        TestSetup setup = java.nio.file.Files.exists(tmp.resolve("repo")) ? TestSetup.createWithoutRepository(tmp, ResticBinaries.v018())
                : TestSetup.create(tmp, ResticBinaries.v018());
        setup.writeConfig("schedule:\n  backup: off\n" + schedule + "status:\n  listen: off\n");
        return Engine.open(ConfigLoader.load(setup.config()));
    }

    private RepositoryJob.Work counting(String kind, Duration sleep) {
        return e -> {
            runs.computeIfAbsent(kind, k -> new AtomicInteger()).incrementAndGet();
            try {
                Thread.sleep(sleep.toMillis());
            } catch (InterruptedException interrupted) {
                runs.computeIfAbsent(kind + "-interrupted", k -> new AtomicInteger()).incrementAndGet();
                Thread.currentThread().interrupt();
                return ExitCode.FAILED;
            }
            return ExitCode.OK;
        };
    }

    private int count(String kind) {
        return runs.getOrDefault(kind, new AtomicInteger()).get();
    }

    private static void waitFor(BooleanSupplier condition, Duration limit) throws InterruptedException {
        Instant end = Instant.now().plus(limit);
        while (!condition.getAsBoolean()) {
            if (Instant.now().isAfter(end)) {
                throw new AssertionError("condition not met within " + limit);
            }
            Thread.sleep(50);
        }
    }

    @Test
    void should_fire_a_short_job_while_a_long_one_runs_and_survive_a_job_that_throws() throws Exception {
        try (Engine engine = engine("  prune: \"" + EVERY_SECOND + "\"\n  check: \"" + EVERY_SECOND + "\"\n"
                + "  retention: \"" + EVERY_SECOND + "\"\n")) {
            Function<String, RepositoryJob.Work> works = kind -> switch (kind) {
                case "prune" -> counting("prune", Duration.ofSeconds(30));
                case "check" -> counting("check", Duration.ZERO);
                default -> e -> {
                    throw new UnsupportedOperationException("retention is being written");
                };
            };
            AgentScheduler scheduler = new AgentScheduler(engine, sent::add, works);
            scheduler.start();
            try {
                waitFor(() -> count("prune") == 1 && count("check") >= 3, Duration.ofSeconds(10));
                assertEquals(1, count("prune"), "a job never runs twice at once");
                assertTrue(sent.stream().anyMatch(n -> n.job().equals("retention") && n.event().equals("failure")
                        && n.message().contains("retention is being written")), sent::toString);
            } finally {
                scheduler.stop(Duration.ZERO);
            }
            assertEquals(1, count("prune-interrupted"), "stopping with no grace interrupts the long job");
        }
    }

    @Test
    void should_wait_for_a_running_job_within_the_grace_and_interrupt_it_after() throws Exception {
        try (Engine engine = engine("  prune: \"" + EVERY_SECOND + "\"\n  retention: off\n  check: off\n")) {
            AgentScheduler scheduler = new AgentScheduler(engine, sent::add, kind -> counting(kind, Duration.ofMillis(1500)));
            scheduler.start();
            waitFor(() -> count("prune") == 1, Duration.ofSeconds(5));
            engine.stopSignal().stop();
            scheduler.stop(Duration.ofSeconds(10));
            assertEquals(0, count("prune-interrupted"), "it finished within the grace");
            assertTrue(sent.stream().anyMatch(n -> n.job().equals("prune") && n.event().equals("success")), sent::toString);
        }
        runs.clear();
        try (Engine engine = engine("  prune: \"" + EVERY_SECOND + "\"\n  retention: off\n  check: off\n")) {
            AgentScheduler scheduler = new AgentScheduler(engine, sent::add, kind -> counting(kind, Duration.ofSeconds(60)));
            scheduler.start();
            waitFor(() -> count("prune") == 1, Duration.ofSeconds(5));
            engine.stopSignal().stop();
            Instant before = Instant.now();
            scheduler.stop(Duration.ofMillis(500));
            assertEquals(1, count("prune-interrupted"));
            assertTrue(Duration.between(before, Instant.now()).compareTo(Duration.ofSeconds(5)) < 0);
        }
    }

    @Test
    void should_catch_up_a_repository_job_once_that_missed_firings_while_down_and_not_one_that_never_ran() throws Exception {
        try (Engine engine = engine("  prune: \"" + YEARLY + "\"\n  check: \"" + YEARLY + "\"\n  retention: off\n")) {
            Instant longAgo = Instant.now().minus(800, ChronoUnit.DAYS);
            long prune = engine.catalog().startRun("prune", null, null, "claimback-test", "schedule", longAgo);
            engine.catalog().finishRun(prune, "ok", null, null, longAgo.plusSeconds(60));
            AgentScheduler scheduler = new AgentScheduler(engine, sent::add, kind -> counting(kind, Duration.ZERO));
            scheduler.start();
            try {
                waitFor(() -> count("prune") == 1, Duration.ofSeconds(5));
                Thread.sleep(1000);
            } finally {
                scheduler.stop(Duration.ZERO);
            }
            assertEquals(1, count("prune"), "missed twice, run once");
            assertEquals(0, count("check"), "never ran on this catalogue: nothing to catch up");
        }
    }

    @Test
    void should_list_one_line_per_job_with_its_next_fire_time_or_off() throws Exception {
        try (Engine engine = engine("  prune: off\n")) {
            AgentScheduler scheduler = new AgentScheduler(engine, sent::add, kind -> counting(kind, Duration.ZERO));
            try {
                scheduler.start();
                List<String> lines = scheduler.nextFireTimes();
                assertEquals("next backup: off (schedule.backup is off and no claims rule has a schedule)", lines.get(0));
                assertTrue(lines.stream().anyMatch(l -> l.startsWith("next retention (schedule 0 30 3 * * ?) at ")), lines::toString);
                assertTrue(lines.contains("next prune: off (schedule.prune is off or not set)"), lines::toString);
                assertTrue(lines.stream().anyMatch(l -> l.startsWith("next check (schedule 0 0 6 ? * SAT) at ")), lines::toString);
                assertTrue(lines.contains("next drill: off (schedule.drill is off or not set)"), lines::toString);
            } finally {
                scheduler.stop(Duration.ZERO);
            }
        }
    }
}
