package org.claimback.hooks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** How a hook's outcome is said in one line, and the small readers behind it. */
class HookResultTest {

    @Test
    void a_timed_out_hook_is_said_with_its_timeout_and_its_command_quoted_like_a_shell() {
        HookResult r = new HookResult("before", List.of("/bin/sh", "-c", "sleep 60"), -1, true, List.of(),
                Duration.ofMillis(5004), null);

        assertFalse(r.ok());
        assertEquals("before hook timed out after 5s (killed): /bin/sh -c 'sleep 60'", r.summary());
    }

    @Test
    void a_failed_hook_is_said_with_its_exit_code_and_last_output_line() {
        HookResult r = new HookResult("before", List.of("./pause.sh"), 3, false, List.of("trying", "cannot reach app"),
                Duration.ofSeconds(2), null);

        assertEquals("before hook exited 3: ./pause.sh: last output: cannot reach app", r.summary());
    }

    @Test
    void only_exit_0_in_time_after_starting_is_ok() {
        assertTrue(new HookResult("after", List.of("true"), 0, false, List.of(), Duration.ZERO, null).ok());
        assertFalse(new HookResult("after", List.of("true"), 0, true, List.of(), Duration.ZERO, null).ok());
        assertFalse(new HookResult("after", List.of("x"), 0, false, List.of(), Duration.ZERO, "no such file").ok());
    }

    @Test
    void durations_read_like_the_config_writes_them() {
        assertEquals("250ms", HookResult.human(Duration.ofMillis(250)));
        assertEquals("5m", HookResult.human(Duration.ofMinutes(5)));
        assertEquals("1m30s", HookResult.human(Duration.ofSeconds(90)));
        assertEquals("2h0m5s".replace("0m", ""), HookResult.human(Duration.ofSeconds(7205)));
    }

    @Test
    void a_quote_in_an_argument_is_quoted_so_the_line_can_be_pasted() {
        assertEquals("curl -X POST 'http://app:8080/api/pause?x=1&y=2' 'it'\\''s'",
                HookResult.shellLine(List.of("curl", "-X", "POST", "http://app:8080/api/pause?x=1&y=2", "it's")));
    }

    @Test
    void a_long_line_is_never_cut_inside_a_surrogate_pair() {
        String text = "a".repeat(299) + "\uD83D\uDE00" + "b";

        assertEquals("a".repeat(299), OutputTail.cut(text, 300));
    }
}
