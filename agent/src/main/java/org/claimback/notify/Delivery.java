package org.claimback.notify;

import java.net.URI;
import java.util.Map;

/**
 * One HTTP POST a format made of a notification.
 *
 * @param uri         where to POST; may hold a secret, never logged
 * @param contentType the body's media type
 * @param headers     further headers (ntfy's Title, Priority, Tags); never secrets
 * @param body        the request body
 */
record Delivery(URI uri, String contentType, Map<String, String> headers, String body) {
    Delivery {
        headers = Map.copyOf(headers);
    }
}
