package org.claimback.schedule;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.claimback.backup.VolumeBackup;

/**
 * What one scheduled backup job came to, over all its volumes: the worst of them decides the
 * job's event. Worst first: failure (failed or interrupted: no new snapshot), suspicious (the
 * shrink guard fired), partial (some files unreadable), success.
 *
 * @param states how many volumes ended in each run state
 */
public record BackupJobOutcome(Map<String, Integer> states) {

    public BackupJobOutcome {
        states = Map.copyOf(states);
    }

    public static BackupJobOutcome of(List<VolumeBackup> results) {
        Map<String, Integer> states = new TreeMap<>();
        results.forEach(r -> states.merge(r.state(), 1, Integer::sum));
        return new BackupJobOutcome(states);
    }

    /** success, partial, suspicious or failure. */
    public String event() {
        if (count("failed") + count("interrupted") > 0 || states.keySet().stream().anyMatch(s -> !KNOWN.contains(s))) {
            return "failure";
        }
        if (count("suspicious") > 0) {
            return "suspicious";
        }
        return count("partial") > 0 ? "partial" : "success";
    }

    /** The job's end state as a run state would say it: ok, partial, suspicious or failed. */
    public String state() {
        return switch (event()) {
            case "success" -> "ok";
            case "failure" -> "failed";
            default -> event();
        };
    }

    /** Volumes restic wrote a snapshot of (ok, partial, suspicious): after them the catalogue is copied. */
    public int backedUp() {
        return count("ok") + count("partial") + count("suspicious");
    }

    /** One line: "3 volume(s): 2 ok, 1 partial". */
    public String summary() {
        int total = states.values().stream().mapToInt(Integer::intValue).sum();
        if (total == 0) {
            return "no live volumes: nothing to back up";
        }
        StringBuilder line = new StringBuilder(total + " volume(s):");
        String sep = " ";
        for (Map.Entry<String, Integer> e : states.entrySet()) {
            line.append(sep).append(e.getValue()).append(' ').append(e.getKey());
            sep = ", ";
        }
        return line.toString();
    }

    private int count(String state) {
        return states.getOrDefault(state, 0);
    }

    private static final java.util.Set<String> KNOWN =
            java.util.Set.of("ok", "partial", "skipped", "skipped-unchanged", "suspicious", "failed", "interrupted");
}
