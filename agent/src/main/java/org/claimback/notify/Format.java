package org.claimback.notify;

import java.net.URI;
import java.util.Optional;

/** Turns a notification into the POST one kind of receiver expects, or nothing when it takes none. */
interface Format {

    /** @param target the target's URL; {@code host} the agent's host name, for the message */
    Optional<Delivery> delivery(Notification notification, URI target, String host);

    static Format named(String format) {
        return switch (format) {
            case "ntfy" -> new NtfyFormat();
            case "healthchecks" -> new HealthchecksFormat();
            case "webhook" -> new WebhookFormat();
            default -> throw new IllegalArgumentException("unknown notify format " + format);
        };
    }

    /** "backup of media/library failed", "check of the repository found problems": a short title. */
    static String title(Notification n) {
        String what = n.job() + (n.claim() == null ? "" : " of " + n.claim());
        String how = switch (n.event()) {
            case "start" -> "started";
            case "success" -> "succeeded";
            case "failure" -> "failed";
            case "partial" -> "was partial";
            case "suspicious" -> "is suspicious (the volume shrank)";
            case "check" -> "found problems";
            default -> n.event();
        };
        return "claimback: " + what + " " + how;
    }
}
