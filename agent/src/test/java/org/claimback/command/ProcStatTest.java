package org.claimback.command;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ProcStatTest {
    @Test
    void a_proc_stat_line_is_read_even_when_the_command_name_holds_parentheses_and_spaces() {
        ProcStat s = ProcStat.parse(4242, "4242 (my (odd) app) S 1 4240 4240 0 -1 4194560 ...").orElseThrow();

        assertEquals(new ProcStat(4242, 'S', 4240), s);
        assertTrue(ProcStat.parse(9, "9 (zombie) Z 1 9 9 0").orElseThrow().zombie());
    }
}
