package org.claimback.testing;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A loopback HTTP receiver (a webhook, ntfy or healthchecks.io stand-in) that keeps every request; it answers {@code status}, or never answers
 * while {@code hang} is true.
 */
public final class HttpReceiver implements AutoCloseable {
    public record Received(String method, String path, Map<String, String> headers, String body) {
        public String header(String name) {
            return headers.get(name.toLowerCase(java.util.Locale.ROOT));
        }
    }

    private final HttpServer server;
    private final BlockingQueue<Received> received = new LinkedBlockingQueue<>();
    private final CountDownLatch release = new CountDownLatch(1);

    private HttpReceiver(int status, boolean hang) throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "receiver");
            t.setDaemon(true);
            return t;
        }));
        server.createContext("/", exchange -> {
            Map<String, String> headers = new java.util.HashMap<>();
            exchange.getRequestHeaders().forEach((k, v) -> headers.put(k.toLowerCase(java.util.Locale.ROOT), String.join(",", v)));
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            received.add(new Received(exchange.getRequestMethod(), exchange.getRequestURI().getPath(), headers, body));
            if (hang) {
                try {
                    release.await(60, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            exchange.sendResponseHeaders(status, -1);
            exchange.close();
        });
        server.start();
    }

    public static HttpReceiver answering(int status) throws IOException {
        return new HttpReceiver(status, false);
    }

    public static HttpReceiver hanging() throws IOException {
        return new HttpReceiver(200, true);
    }

    public URI url(String path) {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + path);
    }

    /** The next request, or an assertion failure after {@code wait}. */
    public Received next(Duration wait) throws InterruptedException {
        Received r = received.poll(wait.toMillis(), TimeUnit.MILLISECONDS);
        if (r == null) {
            throw new AssertionError("no request arrived within " + wait);
        }
        return r;
    }

    /** The first request (taking every one before it) for which {@code wanted} holds, or an assertion failure after {@code wait}. */
    public Received await(java.util.function.Predicate<Received> wanted, Duration wait) throws InterruptedException {
        long end = System.nanoTime() + wait.toNanos();
        java.util.List<String> seen = new java.util.ArrayList<>();
        while (true) {
            long left = end - System.nanoTime();
            Received r = left <= 0 ? null : received.poll(left, TimeUnit.NANOSECONDS);
            if (r == null) {
                throw new AssertionError("no wanted request arrived within " + wait + "; seen: " + seen);
            }
            if (wanted.test(r)) {
                return r;
            }
            seen.add(r.body());
        }
    }

    /** True when no further request arrives within {@code wait}. */
    public boolean quietFor(Duration wait) throws InterruptedException {
        return received.poll(wait.toMillis(), TimeUnit.MILLISECONDS) == null;
    }

    @Override
    public void close() {
        release.countDown();
        server.stop(0);
    }
}
