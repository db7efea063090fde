package org.claimback.catalog;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

/** Mapping between Java values and catalogue columns: instants, nullable numbers, tag lists. */
final class Rows {

    /**
     * ISO-8601 UTC with exactly nine fraction digits. {@link Instant#toString()} drops trailing
     * zeros, so "...:00Z" would sort after "...:00.5Z"; a fixed width keeps text order = time order.
     */
    private static final DateTimeFormatter INSTANT =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSSSSS'Z'").withZone(ZoneOffset.UTC);

    private Rows() {
    }

    static String text(Instant instant) {
        return instant == null ? null : INSTANT.format(instant);
    }

    static Instant instant(ResultSet rs, String column) throws SQLException {
        String text = rs.getString(column);
        return text == null ? null : Instant.parse(text);
    }

    static Long nullableLong(ResultSet rs, String column) throws SQLException {
        long value = rs.getLong(column);
        return rs.wasNull() ? null : value;
    }

    static void setNullableLong(PreparedStatement statement, int index, Long value) throws SQLException {
        if (value == null) {
            statement.setNull(index, Types.INTEGER);
        } else {
            statement.setLong(index, value);
        }
    }

    /** Binds each value in order, starting at parameter 1. Longs, Integers, Strings, nulls. */
    static PreparedStatement bind(PreparedStatement statement, Object... values) throws SQLException {
        for (int i = 0; i < values.length; i++) {
            Object value = values[i];
            if (value instanceof Long || value instanceof Integer) {
                statement.setLong(i + 1, ((Number) value).longValue());
            } else if (value instanceof Instant) {
                statement.setString(i + 1, text((Instant) value));
            } else if (value == null) {
                statement.setNull(i + 1, Types.NULL);
            } else {
                statement.setString(i + 1, (String) value);
            }
        }
        return statement;
    }

    /** Tags as a JSON array of strings: exact round trip, and queryable with SQLite's json_each. */
    static String tagsJson(List<String> tags) {
        StringBuilder json = new StringBuilder("[");
        for (String tag : tags) {
            if (json.length() > 1) {
                json.append(',');
            }
            json.append('"');
            for (char c : tag.toCharArray()) {
                switch (c) {
                    case '"' -> json.append("\\\"");
                    case '\\' -> json.append("\\\\");
                    case '\n' -> json.append("\\n");
                    case '\r' -> json.append("\\r");
                    case '\t' -> json.append("\\t");
                    default -> {
                        if (c < 0x20) {
                            json.append(String.format("\\u%04x", (int) c));
                        } else {
                            json.append(c);
                        }
                    }
                }
            }
            json.append('"');
        }
        return json.append(']').toString();
    }

    /** Reads a JSON array of strings, as written by {@link #tagsJson} (or by SQLite's json functions). */
    static List<String> tags(String json) {
        List<String> tags = new ArrayList<>();
        int i = skipSpace(json, 0);
        expect(json, i++, '[');
        i = skipSpace(json, i);
        if (i < json.length() && json.charAt(i) == ']') {
            return tags;
        }
        while (true) {
            i = skipSpace(json, i);
            expect(json, i++, '"');
            StringBuilder tag = new StringBuilder();
            for (char c = charAt(json, i++); c != '"'; c = charAt(json, i++)) {
                if (c != '\\') {
                    tag.append(c);
                    continue;
                }
                char escaped = charAt(json, i++);
                switch (escaped) {
                    case 'n' -> tag.append('\n');
                    case 'r' -> tag.append('\r');
                    case 't' -> tag.append('\t');
                    case 'b' -> tag.append('\b');
                    case 'f' -> tag.append('\f');
                    case 'u' -> {
                        tag.append((char) Integer.parseInt(json.substring(i, Math.min(i + 4, json.length())), 16));
                        i += 4;
                    }
                    default -> tag.append(escaped); // \" \\ \/
                }
            }
            tags.add(tag.toString());
            i = skipSpace(json, i);
            char next = charAt(json, i++);
            if (next == ']') {
                return tags;
            }
            expect(json, i - 1, ',');
        }
    }

    private static int skipSpace(String json, int i) {
        while (i < json.length() && Character.isWhitespace(json.charAt(i))) {
            i++;
        }
        return i;
    }

    private static char charAt(String json, int i) {
        if (i >= json.length()) {
            throw new IllegalArgumentException("tags are not a JSON array of strings: " + json);
        }
        return json.charAt(i);
    }

    private static void expect(String json, int i, char expected) {
        if (charAt(json, i) != expected) {
            throw new IllegalArgumentException("tags are not a JSON array of strings: " + json);
        }
    }
}
