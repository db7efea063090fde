package org.claimback.consistency;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.claimback.catalog.ClaimRecord;
import org.claimback.config.HooksConfig;
import org.claimback.hooks.HookResult;
import org.claimback.hooks.HookRunner;

/**
 * One volume's hooks in one run: {@code before} first; {@code after} whenever {@code before} was
 * started (so a paused application is always resumed) or when there is no {@code before};
 * {@code onError} when the backup failed. Each result is kept for the run's detail.
 */
public final class VolumeHooks {
    public static final String BEFORE = "before";
    public static final String AFTER = "after";
    public static final String ON_ERROR = "onError";

    private final HookRunner runner;
    private final HooksConfig hooks;
    private final ClaimRecord claim;
    private final Path dir;
    private final long runId;
    private final String label;
    private final List<HookResult> results = new ArrayList<>();

    public VolumeHooks(HookRunner runner, HooksConfig hooks, ClaimRecord claim, Path dir, long runId, String label) {
        this.runner = runner;
        this.hooks = hooks;
        this.claim = claim;
        this.dir = dir;
        this.runId = runId;
        this.label = label;
    }

    /** True when the claim has a before-hook. */
    public boolean hasBefore() {
        return hooks != null && hooks.before() != null;
    }

    /** True when a failing before-hook lets the backup go on. */
    public boolean continueOnBeforeFailure() {
        return hooks != null && hooks.continueOnBeforeFailure();
    }

    /** Runs the before-hook; null when there is none. */
    public HookResult before() throws InterruptedException {
        return hooks == null ? null : run(BEFORE, hooks.before(), null);
    }

    /** Runs the after-hook; null when there is none. */
    public HookResult after() throws InterruptedException {
        return hooks == null ? null : run(AFTER, hooks.after(), null);
    }

    /** Runs the onError hook with the run's error in CLAIMBACK_ERROR; null when there is none. */
    public HookResult onError(String error) throws InterruptedException {
        return hooks == null ? null : run(ON_ERROR, hooks.onError(), error);
    }

    private HookResult run(String phase, List<String> command, String error) throws InterruptedException {
        if (command == null) {
            return null;
        }
        Map<String, String> vars = new HashMap<>(HookRunner.vars(claim.namespace(), claim.name(), claim.claimKey(), dir, runId, phase));
        if (error != null) {
            vars.put(HookRunner.ERROR, error);
        }
        HookResult result = runner.run(phase, label, command, vars, hooks.timeout(), dir);
        results.add(result);
        return result;
    }

    /** What the hooks did, for the run's detail: one block per hook with its output tail; null when none ran. */
    public String detail() {
        if (results.isEmpty()) {
            return null;
        }
        StringBuilder text = new StringBuilder();
        for (HookResult r : results) {
            if (text.length() > 0) {
                text.append('\n');
            }
            text.append(r.summary()).append(" (").append(r.took().toMillis()).append(" ms)");
            r.outputTail().forEach(line -> text.append("\n  ").append(line));
        }
        return text.toString();
    }
}
