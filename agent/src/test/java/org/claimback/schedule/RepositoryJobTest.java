package org.claimback.schedule;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.claimback.config.ConfigLoader;
import org.claimback.engine.Engine;
import org.claimback.notify.Notification;
import org.claimback.outcome.ExitCode;
import org.claimback.testing.ResticBinaries;
import org.claimback.testing.TestSetup;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The scheduled retention, prune and check jobs: their wiring, with the work replaced where it is not the point. */
class RepositoryJobTest {
    @TempDir
    Path tmp;

    private Engine engine() throws Exception {
        return Engine.open(ConfigLoader.load(TestSetup.create(tmp, ResticBinaries.v018()).config()));
    }

    @Test
    void should_publish_a_job_failure_when_the_work_throws_and_never_throw_at_quartz() throws Exception {
        try (Engine engine = engine()) {
            List<Notification> sent = new CopyOnWriteArrayList<>();
            RepositoryJob job = new RepositoryJob(engine, "prune", "0 0 5 ? * SUN", e -> {
                throw new UnsupportedOperationException("prune is being written");
            }, new JobNotices(sent::add, engine.clock()));
            job.execute(null);
            assertEquals(List.of("start", "failure"), sent.stream().map(Notification::event).toList());
            Notification end = sent.get(1);
            assertEquals(Notification.JOB, end.scope());
            assertEquals("prune", end.job());
            assertTrue(end.message().contains("prune is being written"), end::toString);
        }
    }

    @Test
    void should_publish_failure_for_an_exit_code_that_is_not_ok_and_success_for_ok() throws Exception {
        try (Engine engine = engine()) {
            List<Notification> sent = new CopyOnWriteArrayList<>();
            new RepositoryJob(engine, "check", "0 0 6 ? * SAT", e -> ExitCode.FAILED, new JobNotices(sent::add, engine.clock())).runOnce();
            new RepositoryJob(engine, "retention", "0 30 3 * * ?", e -> ExitCode.PARTIAL, new JobNotices(sent::add, engine.clock())).runOnce();
            new RepositoryJob(engine, "retention", "0 30 3 * * ?", e -> ExitCode.OK, new JobNotices(sent::add, engine.clock())).runOnce();
            assertEquals(List.of("start", "failure", "start", "failure", "start", "success"),
                    sent.stream().map(Notification::event).toList());
            assertEquals("failed", sent.get(1).state());
            assertEquals("partial", sent.get(3).state());
            assertEquals("ok", sent.get(5).state());
        }
    }

    @Test
    void should_not_start_once_the_agent_is_stopping() throws Exception {
        try (Engine engine = engine()) {
            AtomicInteger ran = new AtomicInteger();
            engine.stopSignal().stop();
            new RepositoryJob(engine, "check", "0 0 6 ? * SAT", e -> {
                ran.incrementAndGet();
                return ExitCode.OK;
            }, new JobNotices(n -> {}, engine.clock())).runOnce();
            assertEquals(0, ran.get());
        }
    }

    @Test
    void should_call_each_kinds_entry_point() {
        for (String kind : List.of("retention", "prune", "check")) {
            RepositoryJob.Work work = RepositoryJob.workOf(kind);
            assertTrue(work != null, kind);
        }
    }
}
