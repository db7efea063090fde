package org.claimback.cli.json;

import java.util.List;

/**
 * {@code claimback restore (--all | --namespace NS) --json}, and any restore with {@code --dry-run}:
 * the plan, then one result per planned claim (empty for a dry run). {@code notBackedUp} lists the
 * selected claims that have no snapshot at all (not part of the plan). {@code manifest} is the
 * PersistentVolume/PVC YAML of {@code --to-new-pv} when it was not written to {@code --manifest},
 * else null. {@code exitCode} is the command's exit code: the worst result.
 */
public record RestoreBatchJson(
        boolean dryRun,
        List<RestorePlanJson> plan,
        List<RestoreJson> results,
        List<String> notBackedUp,
        String manifest,
        int exitCode) {}
