package org.claimback.hooks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.claimback.command.ProcessTree;
import org.claimback.config.HooksConfig;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Hooks that hang: stopped with everything they started, and the call comes back on time. */
class HookTimeoutTest {
    private static final Duration ONE_SECOND = Duration.ofSeconds(1);

    @TempDir
    Path dir;

    private final HookRunner runner = new HookRunner(System.getenv());
    private final String first = Processes.uniqueSeconds(60);
    private final String second = Processes.uniqueSeconds(61);

    @AfterEach
    void killLeftovers() {
        Processes.killAll(first);
        Processes.killAll(second);
    }

    private HookResult run(List<String> command, Duration timeout) throws InterruptedException {
        return runner.run("before", "media-jellyfin", command,
                HookRunner.vars("media", "jellyfin", "media-jellyfin", dir, 1, "before"), timeout, dir);
    }

    private static Duration since(long start) {
        return Duration.ofNanos(System.nanoTime() - start);
    }

    private void assertGone(String marker, String what) {
        assertEquals(List.of(), Processes.withArgument(marker), what + " still runs");
    }

    @Test
    void a_sleep_past_its_timeout_is_killed_and_the_call_returns_promptly() throws Exception {
        long start = System.nanoTime();
        HookResult r = run(List.of("sleep", first), ONE_SECOND);
        Duration took = since(start);

        assertTrue(r.timedOut(), r.summary());
        assertFalse(r.ok());
        assertEquals(-1, r.exitCode());
        assertTrue(took.compareTo(Duration.ofSeconds(8)) < 0, "took " + took);
        assertTrue(r.took().compareTo(ONE_SECOND) >= 0 && r.took().compareTo(Duration.ofSeconds(2)) < 0, "took " + r.took());
        assertEquals("before hook timed out after 1s (killed): sleep " + first, r.summary());
        assertGone(first, "the sleep");
    }

    @Test
    void a_shell_that_forks_its_sleep_is_killed_with_it() throws Exception {
        long start = System.nanoTime();
        HookResult r = run(HooksConfig.shell("echo pausing; sleep " + first + "; echo never"), ONE_SECOND);
        Duration took = since(start);

        assertTrue(r.timedOut(), r.summary());
        assertTrue(took.compareTo(Duration.ofSeconds(8)) < 0, "took " + took);
        assertEquals(List.of("pausing"), r.outputTail());
        assertEquals("before hook timed out after 1s (killed): /bin/sh -c 'echo pausing; sleep " + first
                + "; echo never': last output: pausing", r.summary());
        assertGone(first, "the shell's child");
    }

    @Test
    void a_grandchild_holding_the_output_open_is_killed_and_the_call_still_returns_promptly() throws Exception {
        long start = System.nanoTime();
        HookResult r = run(HooksConfig.shell("sleep " + first + " & sleep " + second), ONE_SECOND);
        Duration took = since(start);

        assertTrue(r.timedOut(), r.summary());
        assertTrue(took.compareTo(Duration.ofSeconds(8)) < 0, "took " + took);
        assertGone(first, "the background sleep holding stdout");
        assertGone(second, "the foreground sleep");
    }

    @Test
    void a_double_forked_grandchild_that_left_the_tree_is_killed_through_its_process_group() throws Exception {
        // the subshell exits at once: its sleep is re-parented and is no descendant of the hook any more
        long start = System.nanoTime();
        HookResult r = run(HooksConfig.shell("(sleep " + first + " > /dev/null 2>&1 &); sleep " + second), ONE_SECOND);
        Duration took = since(start);

        assertTrue(r.timedOut(), r.summary());
        assertTrue(took.compareTo(Duration.ofSeconds(8)) < 0, "took " + took);
        assertGone(first, "the re-parented sleep");
        assertGone(second, "the foreground sleep");
    }

    @Test
    void a_grandchild_that_escaped_into_its_own_session_cannot_hold_the_call_past_the_timeout() throws Exception {
        // setsid in a subshell that exits: neither a descendant nor in the hook's group, yet it holds stdout
        long start = System.nanoTime();
        HookResult r = run(HooksConfig.shell("(setsid sleep " + first + " &); sleep " + second), ONE_SECOND);
        Duration took = since(start);

        assertTrue(r.timedOut(), r.summary());
        assertTrue(took.compareTo(Duration.ofSeconds(8)) < 0, "took " + took);
        assertGone(second, "the foreground sleep");
    }

    @Test
    void a_hook_that_ignores_sigterm_is_killed_after_the_grace() throws Exception {
        long start = System.nanoTime();
        HookResult r = run(HooksConfig.shell("trap '' TERM; sleep " + first + "; echo never"), ONE_SECOND);
        Duration took = since(start);

        assertTrue(r.timedOut(), r.summary());
        assertTrue(took.compareTo(ProcessTree.GRACE) > 0, "SIGKILL came before the grace was over: " + took);
        assertTrue(took.compareTo(Duration.ofSeconds(9)) < 0, "took " + took);
        assertGone(first, "the sleep that ignored SIGTERM");
    }

    @Test
    void interrupting_the_caller_kills_the_tree_and_throws_interrupted() throws Exception {
        AtomicReference<Throwable> thrown = new AtomicReference<>();
        AtomicReference<Thread> caller = new AtomicReference<>();
        CompletableFuture<HookResult> call = CompletableFuture.supplyAsync(() -> {
            caller.set(Thread.currentThread());
            try {
                return run(HooksConfig.shell("sleep " + first + " & sleep " + second), Duration.ofMinutes(5));
            } catch (InterruptedException e) {
                thrown.set(e);
                return null;
            }
        });
        assertTrue(Processes.awaitStarted(first) && Processes.awaitStarted(second), "the hook did not start");

        long start = System.nanoTime();
        caller.get().interrupt();
        call.get(10, TimeUnit.SECONDS);
        Duration took = since(start);

        assertTrue(thrown.get() instanceof InterruptedException, "no InterruptedException: " + thrown.get());
        assertTrue(took.compareTo(Duration.ofSeconds(4)) < 0, "took " + took);
        assertGone(first, "the background sleep");
        assertGone(second, "the foreground sleep");
    }

    @Test
    void a_caller_interrupted_before_the_call_starts_nothing() throws Exception {
        Path marker = dir.resolve("ran");
        Thread.currentThread().interrupt();
        try {
            run(List.of("/usr/bin/touch", marker.toString()), ONE_SECOND);
            throw new AssertionError("no InterruptedException");
        } catch (InterruptedException expected) {
            assertFalse(marker.toFile().exists(), "the hook ran");
        }
    }
}
