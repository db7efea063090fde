package org.claimback.schedule;

import org.claimback.claims.SyncResult;
import org.claimback.engine.Engine;
import org.claimback.outcome.Failures;
import org.quartz.DisallowConcurrentExecution;
import org.quartz.Job;
import org.quartz.JobExecutionContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Re-reads the exports and the inventory files that changed, every few minutes, so the catalogue
 * learns a cluster's PV inventory while the cluster still lives. Problems are logged, never thrown.
 */
@DisallowConcurrentExecution
public final class SyncClaimsJob implements Job {
    private static final Logger LOG = LoggerFactory.getLogger(SyncClaimsJob.class);

    private final Engine engine;
    private final java.util.Set<String> reported;

    /** @param reported the problems already logged, shared between runs so each is logged once */
    SyncClaimsJob(Engine engine, java.util.Set<String> reported) {
        this.engine = engine;
        this.reported = reported;
    }

    @Override
    public void execute(JobExecutionContext context) {
        try {
            SyncResult result = engine.claimSync().sync();
            result.problems().stream().filter(p -> !reported.contains(p)).forEach(p -> LOG.warn("{}", p));
            reported.clear();
            reported.addAll(result.problems());
        } catch (RuntimeException e) {
            LOG.error("sync of claims failed: {}", Failures.message(e));
        }
    }
}
