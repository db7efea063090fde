package org.claimback.notify;

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
 * A loopback HTTP receiver that keeps every request; it answers {@code status}, or never answers
 * while {@code hang} is true.
 */
final class Receiver implements AutoCloseable {
    record Received(String method, String path, Map<String, String> headers, String body) {
        String header(String name) {
            return headers.get(name.toLowerCase(java.util.Locale.ROOT));
        }
    }

    private final HttpServer server;
    private final BlockingQueue<Received> received = new LinkedBlockingQueue<>();
    private final CountDownLatch release = new CountDownLatch(1);

    private Receiver(int status, boolean hang) throws IOException {
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

    static Receiver answering(int status) throws IOException {
        return new Receiver(status, false);
    }

    static Receiver hanging() throws IOException {
        return new Receiver(200, true);
    }

    URI url(String path) {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + path);
    }

    /** The next request, or an assertion failure after {@code wait}. */
    Received next(Duration wait) throws InterruptedException {
        Received r = received.poll(wait.toMillis(), TimeUnit.MILLISECONDS);
        if (r == null) {
            throw new AssertionError("no request arrived within " + wait);
        }
        return r;
    }

    /** True when no further request arrives within {@code wait}. */
    boolean quietFor(Duration wait) throws InterruptedException {
        return received.poll(wait.toMillis(), TimeUnit.MILLISECONDS) == null;
    }

    @Override
    public void close() {
        release.countDown();
        server.stop(0);
    }
}
