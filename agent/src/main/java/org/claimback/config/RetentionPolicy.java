package org.claimback.config;

import java.util.ArrayList;
import java.util.List;

/**
 * How many snapshots of one claim {@code restic forget} keeps, as restic's {@code --keep-*}
 * options; 0 means that rule keeps nothing of its own. At least one is positive.
 */
public record RetentionPolicy(int keepLast, int keepDaily, int keepWeekly, int keepMonthly, int keepYearly) {

    /** What the agent keeps when the config says nothing. */
    public static RetentionPolicy defaults() {
        return new RetentionPolicy(3, 7, 5, 12, 3);
    }

    public RetentionPolicy {
        if (keepLast < 0 || keepDaily < 0 || keepWeekly < 0 || keepMonthly < 0 || keepYearly < 0) {
            throw new IllegalArgumentException("keep counts cannot be negative");
        }
        if (keepLast + keepDaily + keepWeekly + keepMonthly + keepYearly == 0) {
            throw new IllegalArgumentException("a policy that keeps nothing would forget every snapshot: keep at least keepLast: 1");
        }
    }

    /** restic's options for this policy, e.g. {@code --keep-last 3 --keep-daily 7}. */
    public List<String> resticOptions() {
        List<String> options = new ArrayList<>();
        add(options, "--keep-last", keepLast);
        add(options, "--keep-daily", keepDaily);
        add(options, "--keep-weekly", keepWeekly);
        add(options, "--keep-monthly", keepMonthly);
        add(options, "--keep-yearly", keepYearly);
        return options;
    }

    /** e.g. {@code last 3, daily 7, weekly 5}: for logs and run details. */
    public String describe() {
        List<String> parts = new ArrayList<>();
        if (keepLast > 0) parts.add("last " + keepLast);
        if (keepDaily > 0) parts.add("daily " + keepDaily);
        if (keepWeekly > 0) parts.add("weekly " + keepWeekly);
        if (keepMonthly > 0) parts.add("monthly " + keepMonthly);
        if (keepYearly > 0) parts.add("yearly " + keepYearly);
        return String.join(", ", parts);
    }

    private static void add(List<String> options, String flag, int n) {
        if (n > 0) {
            options.add(flag);
            options.add(Integer.toString(n));
        }
    }
}
