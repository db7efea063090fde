package org.claimback.status;

import com.sun.net.httpserver.HttpExchange;
import io.prometheus.metrics.core.metrics.Gauge;
import io.prometheus.metrics.exporter.httpserver.HTTPServer;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import org.claimback.config.StatusConfig;
import org.claimback.engine.Engine;
import org.claimback.outcome.UserError;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The agent's HTTP endpoint ({@code status.listen}): {@code /healthz} ({@code ok}, never asks for a
 * token, nor does the exporter's own {@code /-/healthy}), {@code /status} (the {@link StatusReport}
 * as JSON) and {@code /metrics} (Prometheus text format). With {@code status.tokenFile} every other
 * path asks for {@code Authorization: Bearer TOKEN}. Its own registry, not the global default one.
 */
public final class StatusServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(StatusServer.class);
    private final HTTPServer server;

    private StatusServer(HTTPServer server) {
        this.server = server;
    }

    /**
     * Starts serving the engine's catalogue under its config's {@code status:}. Port 0 takes any free
     * port (see {@link #port()}). Throws a {@link UserError} naming {@code status.listen} when the
     * address cannot be bound, or {@code status.tokenFile} when the token cannot be read.
     */
    public static StatusServer start(Engine engine) {
        StatusConfig config = engine.config().status();
        if (!config.enabled()) {
            throw new IllegalArgumentException("status endpoint is off");
        }
        BearerToken token = config.tokenFile() == null ? null : BearerToken.readFrom(config.tokenFile());
        PrometheusRegistry registry = new PrometheusRegistry();
        Gauge.builder().name("claimback_up").help("1 while the claimback agent runs.").register(registry).set(1);
        DrillMetrics.register(registry, engine.catalog());
        BackupMetrics.register(registry, engine.config(), engine.catalog(), engine.clock());
        CopyMetrics.register(registry, engine.config(), engine.catalog(), engine.clock());
        HTTPServer.Builder builder = HTTPServer.builder().hostname(config.host()).port(config.port()).registry(registry)
                .defaultHandler(exchange -> other(exchange, engine));
        if (token != null) {
            builder.authenticator(token);
        }
        try {
            return new StatusServer(builder.buildAndStart());
        } catch (IOException e) {
            throw UserError.usage("status.listen " + config.listen() + ": cannot listen there (" + e.getMessage()
                    + "): choose a free port, or set status.listen: off");
        }
    }

    /** The port it listens on. */
    public int port() {
        return server.getPort();
    }

    @Override
    public void close() {
        server.close();
    }

    /** Everything but /metrics and /-/healthy: /healthz answers ok, /status the report, the rest is not found. */
    private static void other(HttpExchange exchange, Engine engine) throws IOException {
        String path = exchange.getRequestURI().getPath();
        int code;
        String type = "text/plain; charset=utf-8";
        String body;
        if (path.equals("/healthz")) {
            code = 200;
            body = "ok\n";
        } else if (path.equals("/status")) {
            try {
                body = StatusJson.write(StatusReport.of(engine.config(), engine.catalog(), engine.clock().instant())) + "\n";
                code = 200;
                type = "application/json";
            } catch (RuntimeException e) {
                LOG.warn("/status: cannot read the catalogue: {}", e.getMessage());
                code = 503;
                body = "cannot read the catalogue: see the agent's log\n";
            }
        } else {
            code = 404;
            body = "not found: try /status, /metrics or /healthz\n";
        }
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", type);
        exchange.sendResponseHeaders(code, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
        exchange.close();
    }
}
