package org.claimback.schedule;

import java.time.Instant;
import java.util.Date;
import java.util.Optional;
import org.claimback.catalog.ClaimRecord;
import org.claimback.config.ClaimRule;
import org.claimback.config.Config;
import org.claimback.config.RetentionPolicy;
import org.quartz.CronExpression;

/**
 * Which schedule and retention policy each claim has: that of the first {@code claims:} rule that
 * matches it and sets it, else the defaults. Read by the agent's scheduler, {@code /status} and {@code claimback status}
 * alike, so they never disagree.
 */
public final class ClaimSchedules {
    private final Config config;

    public ClaimSchedules(Config config) {
        this.config = config;
    }

    /** The setting of the first rule that names this claim and sets it, if any. */
    private <T> Optional<T> first(ClaimRecord claim, java.util.function.Function<ClaimRule, T> setting) {
        String name = claim.resolved() ? claim.namespace() + "/" + claim.name() : null;
        return ClaimRule.first(config.claims(), name, claim.claimKey(), setting);
    }

    /** The claim's backup cron, or null when it has no scheduled backups. */
    public String backupCron(ClaimRecord claim) {
        String cron = first(claim, ClaimRule::schedule).orElse(null);
        if (cron == null) {
            return config.schedule().backup();
        }
        return ClaimRule.OFF.equals(cron) ? null : cron;
    }

    /** The claim's retention policy: its rule's, else the default. */
    public RetentionPolicy retention(ClaimRecord claim) {
        return first(claim, ClaimRule::retention).orElse(config.retention().policy());
    }

    /** When the claim's next scheduled backup fires after {@code after}, if it has a schedule. */
    public Optional<Instant> nextBackup(ClaimRecord claim, Instant after) {
        return next(backupCron(claim), after);
    }

    /** The next firing of a cron expression after {@code after}; empty for null (off). */
    public static Optional<Instant> next(String cron, Instant after) {
        if (cron == null) {
            return Optional.empty();
        }
        try {
            Date next = new CronExpression(cron).getNextValidTimeAfter(Date.from(after));
            return Optional.ofNullable(next).map(Date::toInstant);
        } catch (java.text.ParseException e) {
            throw new IllegalArgumentException("not a cron expression: " + cron, e); // the config loader checked it
        }
    }
}
