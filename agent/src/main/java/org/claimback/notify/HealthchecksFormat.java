package org.claimback.notify;

import java.net.URI;
import java.util.Optional;

/**
 * healthchecks.io pings, for whole jobs only (one claim's success must never hide another's
 * failure): {@code start} → {@code URL/start}, success → {@code URL}, failure, partial,
 * suspicious or check problems → {@code URL/fail}; the body is the message.
 */
final class HealthchecksFormat implements Format {
    @Override
    public Optional<Delivery> delivery(Notification n, URI target, String host) {
        if (!Notification.JOB.equals(n.scope())) {
            return Optional.empty();
        }
        String suffix = switch (n.event()) {
            case "start" -> "/start";
            case "success" -> "";
            default -> "/fail";
        };
        String base = target.toString().replaceAll("/+$", "");
        return Optional.of(new Delivery(URI.create(base + suffix), "text/plain; charset=utf-8", java.util.Map.of(),
                n.message() + " (" + host + ")"));
    }
}
