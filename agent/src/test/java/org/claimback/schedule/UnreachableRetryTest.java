package org.claimback.schedule;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.claimback.engine.StopSignal;
import org.claimback.restic.ResticException;
import org.claimback.restic.Unreachable;
import org.junit.jupiter.api.Test;

/** The retry rule of scheduled jobs when the repository cannot be reached. */
class UnreachableRetryTest {
    private static final ResticException DOWN = Unreachable.exception("s3:http://127.0.0.1:9/b", "TCP connect", "connection refused");

    @Test
    void the_wait_before_each_retry_doubles_from_the_configured_backoff() {
        UnreachableRetry retry = new UnreachableRetry(3, Duration.ofMinutes(1), new StopSignal());
        assertEquals(List.of(Duration.ofMinutes(1), Duration.ofMinutes(2), Duration.ofMinutes(4)),
                List.of(retry.delayBefore(1), retry.delayBefore(2), retry.delayBefore(3)));
    }

    @Test
    void an_unreachable_repository_is_tried_again_until_an_attempt_gets_through() {
        AtomicInteger attempts = new AtomicInteger();
        String result = new UnreachableRetry(3, Duration.ofMillis(10), new StopSignal()).run("test job", () -> {
            if (attempts.incrementAndGet() < 3) {
                throw DOWN;
            }
            return "backed up";
        });
        assertEquals("backed up", result);
        assertEquals(3, attempts.get());
    }

    @Test
    void after_the_last_retry_the_unreachable_failure_is_thrown() {
        AtomicInteger attempts = new AtomicInteger();
        ResticException e = assertThrows(ResticException.class, () -> new UnreachableRetry(2, Duration.ofMillis(10),
                new StopSignal()).run("test job", () -> {
                    attempts.incrementAndGet();
                    throw DOWN;
                }));
        assertEquals(DOWN, e);
        assertEquals(3, attempts.get(), "one attempt and two retries");
    }

    @Test
    void other_failures_and_zero_retries_end_at_the_first_attempt() {
        AtomicInteger attempts = new AtomicInteger();
        ResticException wrongPassword = new ResticException(ResticException.Kind.WRONG_PASSWORD, 12, "restic backup", List.of(),
                "wrong password");
        assertThrows(ResticException.class, () -> new UnreachableRetry(3, Duration.ofMillis(10), new StopSignal())
                .run("test job", () -> {
                    attempts.incrementAndGet();
                    throw wrongPassword;
                }));
        assertThrows(ResticException.class, () -> new UnreachableRetry(0, Duration.ofMillis(10), new StopSignal())
                .run("test job", () -> {
                    attempts.incrementAndGet();
                    throw DOWN;
                }));
        assertEquals(2, attempts.get());
    }

    @Test
    void the_agents_stop_ends_the_wait_at_once_without_another_attempt() throws Exception {
        StopSignal stop = new StopSignal();
        AtomicInteger attempts = new AtomicInteger();
        Thread stopper = new Thread(() -> {
            try {
                Thread.sleep(300);
            } catch (InterruptedException e) {
                return;
            }
            stop.stop();
        });
        stopper.start();
        long started = System.nanoTime();
        assertThrows(ResticException.class, () -> new UnreachableRetry(3, Duration.ofMinutes(1), stop).run("test job", () -> {
            attempts.incrementAndGet();
            throw DOWN;
        }));
        Duration took = Duration.ofNanos(System.nanoTime() - started);
        stopper.join();
        assertEquals(1, attempts.get());
        assertTrue(took.compareTo(Duration.ofSeconds(3)) < 0, "stopped within the wait: " + took);
    }

    @Test
    void an_interrupt_ends_the_wait_and_keeps_the_interrupt_flag() {
        Thread.currentThread().interrupt();
        try {
            assertThrows(ResticException.class, () -> new UnreachableRetry(3, Duration.ofMinutes(1), new StopSignal())
                    .run("test job", () -> {
                        throw DOWN;
                    }));
            assertTrue(Thread.currentThread().isInterrupted());
        } finally {
            Thread.interrupted();
        }
    }
}
