package org.claimback.agent;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.claimback.catalogcopy.MergeCounts;
import org.claimback.catalogcopy.OrphanAdoption;
import org.claimback.config.Config;
import org.claimback.config.ConfigLoader;
import org.claimback.engine.Engine;
import org.claimback.outcome.ExitCode;
import org.claimback.outcome.Failures;
import org.claimback.repository.StaleLocks;
import org.claimback.restic.ResticException;
import org.claimback.schedule.AgentScheduler;
import org.claimback.status.StatusServer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code claimback-agent [--config FILE] [--debug]}: runs until SIGTERM. */
@Command(name = "claimback-agent", mixinStandardHelpOptions = true, version = "claimback-agent 0.1.0",
        description = "Backs up every live PV directory on the configured exports on a schedule, drills restores, serves metrics.")
public final class AgentMain implements Callable<Integer> {
    @Option(names = "--config", paramLabel = "FILE", description = "Config file (default: $CLAIMBACK_CONFIG or /etc/claimback/config.yaml).")
    Path configFile;

    @Option(names = "--debug", description = "Log debug details and stack traces.")
    boolean debug;

    private final CountDownLatch stopped = new CountDownLatch(1);

    public static void main(String[] args) {
        boolean debug = java.util.Arrays.asList(args).contains("--debug");
        Logging.configure("System.out", debug ? "debug" : "info");
        int code = new CommandLine(new AgentMain())
                .setExecutionExceptionHandler((e, cmd, parsed) -> {
                    Logger log = LoggerFactory.getLogger(AgentMain.class);
                    if (debug) {
                        log.error(Failures.message(e), e);
                    } else {
                        log.error(Failures.message(e));
                    }
                    return Failures.exitCode(e).code();
                })
                .execute(args);
        System.exit(code);
    }

    @Override
    public Integer call() throws Exception {
        Logger log = LoggerFactory.getLogger(AgentMain.class);
        Config config = ConfigLoader.load(ConfigLoader.locate(configFile, System.getenv()));
        Engine engine = Engine.open(config);
        // before anything else: runs a killed agent left running are over
        int interrupted = engine.catalog().markInterrupted(engine.clock().instant());
        if (interrupted > 0) {
            log.warn("{} run(s) were still marked running from before: recorded as interrupted", interrupted);
        }
        engine.restic().version();
        engine.claimSync().sync();
        adoptOrphans(engine, log);
        removeStaleLocks(engine, log);
        engine.consistency().removeLeftovers(engine.catalog());
        log.info("claimback-agent started: {} export(s), repository {}, host {}, catalogue {}", config.exports().size(),
                org.claimback.restic.Restic.redact(config.repository()), config.host(), config.catalog());
        StatusServer status = startStatus(config, engine, log);
        AgentScheduler scheduler = new AgentScheduler(engine);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> stop(scheduler, status, engine, log), "claimback-shutdown"));
        scheduler.start();
        stopped.await();
        return ExitCode.OK.code();
    }

    /**
     * Starts the metrics endpoint, or returns null when it is off or cannot listen: monitoring
     * must never stop backups, so a port in use is logged as an error and the agent goes on.
     */
    private static StatusServer startStatus(Config config, Engine engine, Logger log) {
        if (!config.status().enabled()) {
            log.info("status endpoint off (status.listen: off)");
            return null;
        }
        try {
            StatusServer status = StatusServer.start(engine);
            log.info("metrics at http://{}/metrics", config.status().listen());
            return status;
        } catch (RuntimeException e) {
            log.error("{}; the agent runs on without metrics", Failures.message(e));
            return null;
        }
    }

    /**
     * Adds to the catalogue the snapshots a restic left running by a killed agent saved after the
     * agent died. Never stops the agent: a repository that is not there yet has nothing to adopt,
     * and a failure is logged (the next start tries again).
     */
    private static void adoptOrphans(Engine engine, Logger log) {
        try {
            MergeCounts adopted = OrphanAdoption.adopt(engine);
            if (adopted.snapshotsAdded() > 0) {
                log.warn("adopted {} snapshot(s) of this host the catalogue lacked (saved by a restic that outlived a"
                        + " stopped agent)", adopted.snapshotsAdded());
            } else {
                log.info("every snapshot of this host in the repository is in the catalogue");
            }
        } catch (ResticException e) {
            if (e.kind() == ResticException.Kind.REPOSITORY_MISSING) {
                log.info("no repository yet: the first backup creates it");
            } else {
                log.warn("could not compare the repository's snapshots with the catalogue (the agent goes on; the next"
                        + " start tries again): {}", Failures.message(e));
            }
        } catch (RuntimeException e) {
            log.warn("could not adopt the repository's snapshots into the catalogue (the agent goes on): {}",
                    Failures.message(e));
        }
    }

    /**
     * Removes the repository locks restic processes of this host left when they died (a killed
     * agent's children, a crash), so the first forget, prune or check does not wait for them.
     * Never stops the agent.
     */
    private static void removeStaleLocks(Engine engine, Logger log) {
        try {
            int removed = new StaleLocks(engine.restic(), engine.config().agent().lockWait()).cleanStaleLocks();
            if (removed == 0) {
                log.info("no stale restic locks of this host in the repository");
            }
        } catch (ResticException e) {
            if (e.kind() != ResticException.Kind.REPOSITORY_MISSING) {
                log.warn("could not look for stale restic locks (the agent goes on): {}", Failures.message(e));
            }
        } catch (RuntimeException e) {
            log.warn("could not look for stale restic locks (the agent goes on): {}", Failures.message(e));
        }
    }

    /**
     * SIGTERM: nothing new starts, running jobs get {@code agent.stopGrace} to finish, then are
     * interrupted and waited for; then the status endpoint and the catalogue close.
     */
    private void stop(AgentScheduler scheduler, StatusServer status, Engine engine, Logger log) {
        log.info("stopping (SIGTERM): no new work starts");
        engine.stopSignal().stop();
        try {
            scheduler.stop(engine.config().agent().stopGrace());
        } catch (Exception e) {
            log.warn("scheduler did not stop cleanly: {}", e.getMessage());
        }
        if (status != null) {
            status.close();
        }
        engine.close();
        log.info("stopped");
        stopped.countDown();
    }
}
