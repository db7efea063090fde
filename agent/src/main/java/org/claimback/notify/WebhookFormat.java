package org.claimback.notify;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * A generic JSON POST of the notification: {@code event, scope, job, claim, state, message,
 * runId, at, host}, with {@code at} as an ISO-8601 UTC time and absent values as null.
 */
final class WebhookFormat implements Format {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** The body's shape (field order as written). */
    record Body(String event, String scope, String job, String claim, String state, String message, Long runId,
                String at, String host) {}

    @Override
    public Optional<Delivery> delivery(Notification n, URI target, String host) {
        Instant at = n.at();
        Body body = new Body(n.event(), n.scope(), n.job(), n.claim(), n.state(), n.message(), n.runId(),
                at == null ? null : at.toString(), host);
        try {
            return Optional.of(new Delivery(target, "application/json", Map.of(), JSON.writeValueAsString(body)));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
