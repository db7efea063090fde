package org.claimback.notify;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import org.claimback.config.NotifyTarget;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends notifications from one daemon thread, so {@link #publish} only puts them in a bounded
 * queue and returns: a full queue drops the notification (logged), a slow or failing receiver
 * delays nothing else. Each POST waits at most {@code timeout}; a failure is one warning line
 * naming the target by {@link NotifyTarget#redacted()} and never thrown.
 */
final class BackgroundNotifier implements Notifier {
    static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);
    static final int DEFAULT_QUEUE = 256;
    static final Duration DEFAULT_CLOSE_WAIT = Duration.ofSeconds(5);
    private static final Logger LOG = LoggerFactory.getLogger(Notifier.class);

    private final List<NotifyTarget> targets;
    private final String host;
    private final Duration timeout;
    private final Duration closeWait;
    private final BlockingQueue<Notification> queue;
    private final HttpClient http;
    private final Thread sender;
    private volatile boolean closing;

    BackgroundNotifier(List<NotifyTarget> targets, String host, Duration timeout, int queueSize, Duration closeWait) {
        this.targets = List.copyOf(targets);
        this.host = host;
        this.timeout = timeout;
        this.closeWait = closeWait;
        this.queue = new ArrayBlockingQueue<>(queueSize);
        this.http = HttpClient.newBuilder().connectTimeout(timeout).followRedirects(HttpClient.Redirect.NEVER).build();
        this.sender = new Thread(this::sendAll, "claimback-notify");
        sender.setDaemon(true);
        sender.start();
    }

    @Override
    public void publish(Notification notification) {
        if (notification == null || closing) {
            return;
        }
        if (!queue.offer(notification)) {
            LOG.warn("notification queue full ({} waiting): dropped {} {} of {}", queue.size(), notification.event(),
                    notification.job(), notification.claim() == null ? "the repository" : notification.claim());
        }
    }

    @Override
    public void close() {
        closing = true;
        try {
            sender.join(closeWait.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (sender.isAlive()) {
            sender.interrupt();
            LOG.warn("notifications not all sent within {} s: the one being sent and {} queued are dropped", closeWait.toSeconds(),
                    queue.size());
        }
    }

    private void sendAll() {
        while (!(closing && queue.isEmpty())) {
            Notification next;
            try {
                next = queue.poll(100, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                return;
            }
            if (next == null) {
                continue;
            }
            for (NotifyTarget target : targets) {
                if (Thread.currentThread().isInterrupted()) {
                    return;
                }
                if (target.on().contains(next.event())) {
                    try {
                        send(target, next);
                    } catch (RuntimeException e) { // a sender bug must not stop the thread
                        LOG.warn("notify {} {}: not sent: {}", target.format(), target.redacted(), e.getClass().getSimpleName());
                    }
                }
            }
        }
    }

    private void send(NotifyTarget target, Notification notification) {
        Optional<Delivery> made = Format.named(target.format()).delivery(notification, target.url(), host);
        if (made.isEmpty()) {
            return;
        }
        Delivery delivery = made.get();
        HttpRequest.Builder request = HttpRequest.newBuilder(delivery.uri()).timeout(timeout)
                .header("Content-Type", delivery.contentType())
                .header("User-Agent", "claimback")
                .POST(HttpRequest.BodyPublishers.ofString(delivery.body()));
        delivery.headers().forEach(request::header);
        String where = target.format() + " " + target.redacted();
        try {
            if (target.tokenFile() != null) {
                request.header("Authorization", "Bearer " + Files.readString(target.tokenFile()).strip());
            }
        } catch (IOException e) {
            LOG.warn("notify {}: not sent: cannot read notify[].tokenFile {}: check it exists and is readable by claimback",
                    where, target.tokenFile());
            return;
        }
        try {
            HttpResponse<Void> response = http.send(request.build(), HttpResponse.BodyHandlers.discarding());
            if (response.statusCode() / 100 != 2) {
                LOG.warn("notify {}: the receiver answered HTTP {} to {} {}: check the URL and token", where,
                        response.statusCode(), notification.event(), notification.job());
            } else {
                LOG.debug("notify {}: sent {} {}", where, notification.event(), notification.job());
            }
        } catch (HttpTimeoutException e) {
            LOG.warn("notify {}: no answer within {} s to {} {}: is the receiver up?", where, timeout.toSeconds(),
                    notification.event(), notification.job());
        } catch (IOException e) {
            LOG.warn("notify {}: cannot send {} {} ({}): is the receiver reachable?", where, notification.event(),
                    notification.job(), e.getClass().getSimpleName());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
