package org.claimback.restic;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Reads restic's JSON. Every reader takes what it knows and ignores the rest, and treats a
 * missing number as 0: restic omits zero fields ({@code omitempty}) and adds fields over time.
 * Field names are documented in restic's {@code 075_scripting} page; what each version prints is
 * in {@code package-info.java}.
 */
final class ResticJson {
    private ResticJson() {}

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final Pattern ANSI_ESCAPE = Pattern.compile("\u001B\\[[0-9;?]*[A-Za-z]");

    /** errno values restic 0.14 prints as numbers inside {@code {"Op":..,"Path":..,"Err":13}}. */
    private static final Map<Integer, String> ERRNO = Map.of(1, "operation not permitted", 2,
            "no such file or directory", 5, "input/output error", 13, "permission denied", 20, "not a directory",
            21, "is a directory", 40, "too many levels of symbolic links", 61, "no data available");

    /** The message restic prints when a backup is partial (exit 3), on every version. */
    static final String PARTIAL_BACKUP_MESSAGE = "Warning: at least one source file could not be read";

    /** A JSON object, or {@code null} when the line is not one (restic mixes in text lines). */
    static JsonNode object(String line) {
        String trimmed = line.strip();
        if (!trimmed.startsWith("{")) {
            return null;
        }
        try {
            JsonNode node = MAPPER.readTree(trimmed);
            return node != null && node.isObject() ? node : null;
        } catch (JsonProcessingException e) {
            return null;
        }
    }

    /** A JSON {@code exit_error} line: how restic 0.18+ prints its last words with {@code --json}. */
    static boolean isExitError(String line) {
        JsonNode node = object(line);
        return node != null && "exit_error".equals(messageType(node));
    }

    static String messageType(JsonNode node) {
        return node.path("message_type").asText("");
    }

    static BackupProgress backupProgress(JsonNode status) {
        JsonNode remaining = status.get("seconds_remaining");
        return new BackupProgress(status.path("percent_done").asDouble(0), status.path("bytes_done").asLong(0),
                status.path("total_bytes").asLong(0), status.path("files_done").asLong(0),
                status.path("total_files").asLong(0), remaining == null || remaining.isNull() ? null : remaining.asLong());
    }

    static BackupSummary backupSummary(JsonNode summary) {
        return new BackupSummary(summary.path("snapshot_id").asText(""), summary.path("files_new").asLong(0),
                summary.path("files_changed").asLong(0), summary.path("files_unmodified").asLong(0),
                summary.path("dirs_new").asLong(0), summary.path("dirs_changed").asLong(0),
                summary.path("dirs_unmodified").asLong(0), summary.path("data_added").asLong(0),
                summary.path("total_files_processed").asLong(0), summary.path("total_bytes_processed").asLong(0),
                summary.path("total_duration").asDouble(0));
    }

    /** The output of {@code restic snapshots --json}: one array ({@code null} on restic before 0.11). */
    static List<Snapshot> snapshots(String json) {
        JsonNode array;
        try {
            array = MAPPER.readTree(json.isBlank() ? "[]" : json);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("restic snapshots printed no JSON array: " + abbreviate(json), e);
        }
        if (array == null || array.isNull()) {
            return List.of();
        }
        if (!array.isArray()) {
            throw new IllegalArgumentException("restic snapshots printed no JSON array: " + abbreviate(json));
        }
        List<Snapshot> snapshots = new ArrayList<>();
        for (JsonNode s : array) {
            snapshots.add(snapshot(s));
        }
        return snapshots;
    }

    /** One snapshot object as {@code snapshots --json} and {@code forget --json} print it. */
    static Snapshot snapshot(JsonNode s) {
        String id = s.path("id").asText("");
        String shortId = s.path("short_id").asText(id.substring(0, Math.min(8, id.length())));
        return new Snapshot(id, shortId, OffsetDateTime.parse(s.path("time").asText()).toInstant(),
                textOrNull(s.get("parent")), s.path("tree").asText(""), strings(s.get("paths")),
                s.path("hostname").asText(""), s.path("username").asText(""), strings(s.get("tags")),
                snapshotSummary(s.get("summary")), textOrNull(s.get("original")));
    }

    /**
     * The output of {@code restic forget --dry-run --json}: an array of groups, each with
     * {@code keep}, {@code remove} (null when empty) and {@code reasons}, one per kept snapshot in
     * the order of {@code keep} ({@code matches}: "daily snapshot", ...). 0.14 leaves the id out of
     * a reason's snapshot, so reasons are matched by position, checked by time and tree.
     */
    static ForgetPlan forgetPlan(String json) {
        JsonNode groups;
        try {
            groups = MAPPER.readTree(json.isBlank() ? "[]" : json);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("restic forget printed no JSON array: " + abbreviate(json), e);
        }
        List<ForgetPlan.Planned> keep = new ArrayList<>();
        List<ForgetPlan.Planned> remove = new ArrayList<>();
        if (groups == null || groups.isNull()) {
            return new ForgetPlan(keep, remove);
        }
        if (!groups.isArray()) {
            throw new IllegalArgumentException("restic forget printed no JSON array: " + abbreviate(json));
        }
        for (JsonNode group : groups) {
            JsonNode reasons = group.path("reasons");
            int i = 0;
            for (JsonNode s : group.path("keep")) {
                JsonNode reason = reasons.path(i++);
                List<String> matches = sameSnapshot(s, reason.path("snapshot")) ? strings(reason.get("matches")) : List.of();
                keep.add(new ForgetPlan.Planned(snapshot(s), matches));
            }
            for (JsonNode s : group.path("remove")) {
                remove.add(new ForgetPlan.Planned(snapshot(s), List.of()));
            }
        }
        return new ForgetPlan(keep, remove);
    }

    private static boolean sameSnapshot(JsonNode a, JsonNode b) {
        return a.path("time").asText().equals(b.path("time").asText()) && a.path("tree").asText().equals(b.path("tree").asText());
    }

    /** The closing {@code summary} of {@code check --json} (0.18+): num_errors, or -1 when absent. */
    static long checkErrors(JsonNode summary) {
        return summary.path("num_errors").asLong(-1);
    }

    /** The {@code summary} of a snapshot (restic 0.17+), or {@code null} when there is none. */
    static SnapshotSummary snapshotSummary(JsonNode summary) {
        if (summary == null || !summary.isObject()) {
            return null;
        }
        return new SnapshotSummary(summary.path("files_new").asLong(0), summary.path("files_changed").asLong(0),
                summary.path("files_unmodified").asLong(0), summary.path("total_files_processed").asLong(0),
                summary.path("total_bytes_processed").asLong(0), summary.path("data_added").asLong(0));
    }

    /**
     * One line restic wrote to stderr, as lines a person can read: a JSON {@code exit_error}
     * (0.18+) becomes its message, a JSON {@code error} (backup, restore) becomes
     * "item: reason (during phase)", terminal escapes go, anything else stays as it is.
     */
    static List<String> readable(String line) {
        String clean = ANSI_ESCAPE.matcher(line).replaceAll("").strip();
        JsonNode node = object(clean);
        if (node == null) {
            return clean.isEmpty() ? List.of() : List.of(clean);
        }
        switch (messageType(node)) {
            case "exit_error":
                return node.path("message").asText("").lines().map(String::strip).filter(l -> !l.isEmpty()).toList();
            case "error":
                if (!node.has("error") && node.path("message").isTextual()) { // check --json (0.18+)
                    return node.path("message").asText("").lines().map(String::strip).filter(l -> !l.isEmpty()).toList();
                }
                return List.of(errorMessage(node));
            default:
                return List.of(clean);
        }
    }

    /**
     * A {@code {"message_type":"error","error":...,"during":...,"item":...}} line, readable.
     * restic 0.17.1+ puts the text in {@code error.message}; 0.14 prints the Go error value
     * itself: {@code {"Op":"open","Path":"f","Err":13}} for a failed system call, and {@code {}}
     * for most other errors, which then carry no reason at all.
     */
    static String errorMessage(JsonNode node) {
        JsonNode error = node.path("error");
        String reason;
        if (error.hasNonNull("message")) {
            reason = error.get("message").asText();
        } else if (error.has("Op") && error.has("Err")) {
            int errno = error.path("Err").asInt(-1);
            reason = error.path("Op").asText() + " " + error.path("Path").asText() + ": "
                    + ERRNO.getOrDefault(errno, "errno " + errno);
        } else if (error.isObject() && error.isEmpty()) {
            reason = "could not be read (this restic version reports no reason)";
        } else if (error.isTextual()) {
            reason = error.asText();
        } else {
            reason = error.toString();
        }
        String item = node.path("item").asText("");
        String during = node.path("during").asText("");
        return (item.isEmpty() ? "" : item + ": ") + reason + (during.isEmpty() ? "" : " (during " + during + ")");
    }

    private static List<String> strings(JsonNode array) {
        if (array == null || !array.isArray()) {
            return List.of();
        }
        List<String> values = new ArrayList<>();
        array.forEach(v -> values.add(v.asText()));
        return values;
    }

    private static String textOrNull(JsonNode node) {
        return node == null || node.isNull() || node.asText().isEmpty() ? null : node.asText();
    }

    private static String abbreviate(String text) {
        String s = text.strip();
        return s.length() <= 200 ? s : s.substring(0, 200) + "...";
    }
}
