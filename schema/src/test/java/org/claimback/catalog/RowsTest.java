package org.claimback.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RowsTest {

    @Test
    void should_write_instants_as_fixed_width_utc_text_that_sorts_in_time_order() {
        Instant whole = Instant.parse("2024-05-01T10:00:00Z");
        Instant half = Instant.parse("2024-05-01T10:00:00.5Z");

        assertEquals("2024-05-01T10:00:00.000000000Z", Rows.text(whole));
        assertEquals("2024-05-01T10:00:00.500000000Z", Rows.text(half));
        assertTrue(Rows.text(whole).compareTo(Rows.text(half)) < 0);
        assertEquals(half, Instant.parse(Rows.text(half)));
    }

    @Test
    void should_round_trip_any_list_of_tags() {
        for (List<String> tags : List.of(List.<String>of(), List.of(""), List.of("claimback", "claim-key=a-b"),
                List.of("\"", "\\", "a,b", "[x]", "new\nline", "\u0001", "ünï", "emoji \uD83D\uDE00"))) {
            assertEquals(tags, Rows.tags(Rows.tagsJson(tags)), Rows.tagsJson(tags));
        }
    }

    @Test
    void should_read_tags_written_by_sqlite(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("t.db");
        String json = Fixtures.sqlText(file, "SELECT json_array('a', 'b \"c\"', char(10), '\\')");
        assertEquals(List.of("a", "b \"c\"", "\n", "\\"), Rows.tags(json));
        assertEquals(List.of("x", "y"), Rows.tags(" [ \"x\" , \"y\" ] "));
    }

    @Test
    void should_refuse_tags_that_are_not_a_json_array_of_strings() {
        for (String bad : List.of("", "claimback", "[1]", "[\"a\"", "[\"a\" \"b\"]")) {
            assertThrows(IllegalArgumentException.class, () -> Rows.tags(bad), bad);
        }
    }
}
