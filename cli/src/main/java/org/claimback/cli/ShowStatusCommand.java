package org.claimback.cli;

import java.io.PrintWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.Callable;
import org.claimback.cli.json.JsonOutput;
import org.claimback.cli.text.Table;
import org.claimback.config.StatusConfig;
import org.claimback.engine.Engine;
import org.claimback.outcome.ExitCode;
import org.claimback.status.StatusReport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code claimback status [--json]}: the agent's view from the catalogue (the same report as the
 * agent's {@code /status}), and whether the agent answers on {@code status.listen}. Works while
 * the agent is down.
 */
@Command(name = "status", description = "Show each claim's state, last run, last success and next run, the repository's checks and the agent's schedules (from the catalogue; works while the agent is down).")
public final class ShowStatusCommand implements Callable<Integer> {
    @ParentCommand
    ClaimbackCommand root;

    @Spec
    CommandSpec spec;

    @Option(names = "--json", description = "Print the status report as JSON (the agent's /status; shape in the README).")
    boolean json;

    @Override
    public Integer call() {
        try (Engine engine = Session.open(root)) {
            StatusReport report = StatusReport.of(engine.config(), engine.catalog(), engine.clock().instant());
            PrintWriter out = spec.commandLine().getOut();
            if (json) {
                JsonOutput.write(out, report);
                return ExitCode.OK.code();
            }
            StatusConfig listen = engine.config().status();
            if (!listen.enabled()) {
                out.println("agent: status endpoint off (status.listen: off); the report is from the catalogue");
            } else if (answers(listen)) {
                out.println("agent: up at " + listen.listen());
            } else {
                out.println("agent: not answering at " + listen.listen() + " (the report is from the catalogue)");
            }
            out.println("host: " + report.host() + ", " + report.claims().size() + " claim(s): " + counts(report));
            out.println();
            if (!report.claims().isEmpty()) {
                Table table = new Table("CLAIM", "STATE", "LAST RUN", "LAST SUCCESS", "NEXT RUN", "REASON");
                for (StatusReport.ClaimStatus c : report.claims()) {
                    table.row(c.claim(), c.state(),
                            c.lastRun() == null ? "-" : c.lastRun().kind() + " " + c.lastRun().state() + " " + time(c.lastRun().started()),
                            c.lastSuccess() == null ? "-" : time(c.lastSuccess().ended()), time(c.nextRun()), c.reason());
                }
                table.print(out);
                out.println();
            }
            StatusReport.RepositoryStatus repo = report.repository();
            out.println("repository: last check " + run(repo.lastCheck())
                    + (repo.lastCheck() != null && repo.lastCheck().problems() != null ? " (" + repo.lastCheck().problems() + " problem(s))" : "")
                    + "; last prune " + run(repo.lastPrune()) + "; last retention " + run(repo.lastRetention()));
            StringBuilder jobs = new StringBuilder("schedules:");
            for (StatusReport.JobSchedule j : report.schedules()) {
                jobs.append(' ').append(j.job()).append(' ').append(j.cron() == null ? "off" : "next " + time(j.next())).append(';');
            }
            out.println(jobs.substring(0, jobs.length() - 1));
            for (org.claimback.status.CopyStatus c : report.copies()) {
                out.println("copy " + c.name() + " (" + c.repository() + "): newest snapshot " + time(c.newestSnapshot())
                        + "; last copy " + run(c.lastRun()));
            }
            out.flush();
            return ExitCode.OK.code();
        }
    }

    /** True when the agent answers {@code /healthz} with 200 within one second. */
    private static boolean answers(StatusConfig listen) {
        String host = listen.host().contains(":") ? "[" + listen.host() + "]" : listen.host();
        try {
            HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
            HttpResponse<Void> response = http.send(HttpRequest.newBuilder(URI.create("http://" + host + ":" + listen.port() + "/healthz"))
                    .timeout(Duration.ofSeconds(1)).build(), HttpResponse.BodyHandlers.discarding());
            return response.statusCode() == 200;
        } catch (java.io.IOException | RuntimeException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static String counts(StatusReport report) {
        StringBuilder s = new StringBuilder();
        report.counts().forEach((state, n) -> {
            if (n > 0) {
                s.append(s.length() == 0 ? "" : ", ").append(n).append(' ').append(state);
            }
        });
        return s.length() == 0 ? "none" : s.toString();
    }

    private static String run(StatusReport.Run r) {
        return r == null ? "never" : r.state() + " " + time(r.ended() == null ? r.started() : r.ended());
    }

    private static String time(Instant t) {
        return t == null ? "-" : t.truncatedTo(ChronoUnit.SECONDS).toString();
    }
}
