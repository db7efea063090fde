package org.claimback.schedule;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.claimback.catalog.Catalog;
import org.claimback.catalog.ClaimRecord;
import org.claimback.config.ClaimRule;
import org.claimback.config.Config;

/**
 * The claims backed up by one cron expression: one Quartz trigger per distinct effective backup
 * schedule, so claims that share a schedule share a job and a firing.
 *
 * @param cron      the Quartz cron expression
 * @param isDefault true when it is {@code schedule.backup} (claims without a rule of their own)
 * @param rules     the {@code claims:} rules that name this cron, in config order
 */
public record BackupGroup(String cron, boolean isDefault, List<String> rules) {

    public BackupGroup {
        rules = List.copyOf(rules);
    }

    /** The groups of a config: the default schedule (when on) first, then each rule's cron not seen before. */
    public static List<BackupGroup> of(Config config) {
        Map<String, List<String>> byCron = new LinkedHashMap<>();
        String defaultCron = config.schedule().backup();
        if (defaultCron != null) {
            byCron.put(defaultCron, new ArrayList<>());
        }
        for (ClaimRule rule : config.claims()) {
            if (rule.schedule() != null && !ClaimRule.OFF.equals(rule.schedule())) {
                byCron.computeIfAbsent(rule.schedule(), c -> new ArrayList<>()).add(rule.match());
            }
        }
        return byCron.entrySet().stream()
                .map(e -> new BackupGroup(e.getKey(), e.getKey().equals(defaultCron), e.getValue())).toList();
    }

    /** True when the claim's effective backup schedule is this group's cron. */
    public boolean covers(ClaimRecord claim, ClaimSchedules schedules) {
        return cron.equals(schedules.backupCron(claim));
    }

    /** The ids of the catalogue's claims this group backs up (whether or not they have a live volume now). */
    public Set<Long> claimIds(Catalog catalog, ClaimSchedules schedules) {
        return catalog.claims().stream().filter(c -> covers(c, schedules)).map(ClaimRecord::id).collect(Collectors.toSet());
    }

    /** How many of the group's claims have a live volume: what a firing would back up. */
    public long liveClaims(Catalog catalog, ClaimSchedules schedules) {
        Set<Long> ids = claimIds(catalog, schedules);
        return catalog.volumes().stream().filter(v -> v.state().equals("live") && ids.contains(v.claimId()))
                .map(v -> v.claimId()).distinct().count();
    }

    /** E.g. "default schedule 0 0 2 * * ?" or "schedule 0 0 * * * ? of claims rule 'media/*'". */
    public String label() {
        String ruleText = rules.isEmpty() ? ""
                : (isDefault ? " and " : " of ") + "claims rule" + (rules.size() == 1 ? " " : "s ")
                        + rules.stream().map(r -> "'" + r + "'").collect(Collectors.joining(", "));
        return (isDefault ? "default schedule " : "schedule ") + cron + ruleText;
    }
}
