package org.claimback.status;

import com.sun.net.httpserver.HttpExchange;
import io.prometheus.metrics.core.metrics.Gauge;
import io.prometheus.metrics.exporter.httpserver.HTTPServer;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import org.claimback.catalog.Catalog;
import org.claimback.config.StatusConfig;
import org.claimback.outcome.UserError;

/**
 * The agent's HTTP endpoint on a loopback address: {@code /metrics} (Prometheus text format),
 * {@code /healthz} ({@code ok}) and the exporter's own {@code /-/healthy}. Its own registry,
 * not the global default one.
 */
public final class StatusServer implements AutoCloseable {
    private final HTTPServer server;

    private StatusServer(HTTPServer server) {
        this.server = server;
    }

    /**
     * Starts serving. Port 0 takes any free port (see {@link #port()}). Throws a {@link UserError}
     * naming {@code status.listen} when the address cannot be bound.
     */
    public static StatusServer start(StatusConfig config, Catalog catalog) {
        if (!config.enabled()) {
            throw new IllegalArgumentException("status endpoint is off");
        }
        PrometheusRegistry registry = new PrometheusRegistry();
        Gauge.builder().name("claimback_up").help("1 while the claimback agent runs.").register(registry).set(1);
        DrillMetrics.register(registry, catalog);
        try {
            return new StatusServer(HTTPServer.builder().hostname(config.host()).port(config.port()).registry(registry)
                    .defaultHandler(StatusServer::other).buildAndStart());
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

    /** Everything but /metrics and /-/healthy: /healthz answers ok, the rest is not found. */
    private static void other(HttpExchange exchange) throws IOException {
        boolean health = exchange.getRequestURI().getPath().equals("/healthz");
        byte[] body = (health ? "ok\n" : "not found: try /metrics or /healthz\n").getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "text/plain; charset=utf-8");
        exchange.sendResponseHeaders(health ? 200 : 404, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
        exchange.close();
    }
}
