package org.claimback.notify;

import java.net.URI;
import java.util.Map;
import java.util.Optional;

/**
 * ntfy: the message is the body, POSTed to the topic URL; the title, priority and tags are
 * headers. Failures, suspicious shrinks and check problems are urgent or high, success default.
 */
final class NtfyFormat implements Format {
    @Override
    public Optional<Delivery> delivery(Notification n, URI target, String host) {
        String priority = switch (n.event()) {
            case "suspicious", "check" -> "urgent";
            case "failure", "partial" -> "high";
            default -> "default";
        };
        String tags = switch (n.event()) {
            case "success" -> "white_check_mark";
            case "start" -> "arrow_forward";
            case "partial", "suspicious" -> "warning";
            default -> "rotating_light";
        };
        return Optional.of(new Delivery(target, "text/plain; charset=utf-8",
                Map.of("Title", ascii(Format.title(n)), "Priority", priority, "Tags", tags + ",claimback"),
                n.message() + " (" + host + ")"));
    }

    /** HTTP header values are ASCII: anything else becomes '?'. */
    private static String ascii(String text) {
        return text.replaceAll("[^\\x20-\\x7e]", "?");
    }
}
