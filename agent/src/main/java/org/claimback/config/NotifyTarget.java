package org.claimback.config;

import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

/**
 * Where the agent sends notifications, from the config's {@code notify:} list.
 *
 * @param format    {@code ntfy}, {@code healthchecks} or {@code webhook} (a generic JSON POST)
 * @param url       where to send; may hold a secret (a topic, a ping key), so it is never logged
 *                  whole: see {@link #redacted()}
 * @param tokenFile a file holding a bearer token sent as {@code Authorization}, or null
 * @param on        the events that are sent: a subset of {@link #EVENTS}
 */
public record NotifyTarget(String format, URI url, Path tokenFile, Set<String> on) {
    public static final List<String> FORMATS = List.of("ntfy", "healthchecks", "webhook");
    /**
     * failure, partial, suspicious: a run ended so; success: a run ended ok; start: a scheduled
     * backup began (healthchecks' start ping); check: a repository check found problems.
     */
    public static final List<String> EVENTS = List.of("failure", "partial", "suspicious", "success", "start", "check");
    /** What is sent when {@code on:} is not given; healthchecks also gets start and success. */
    public static final Set<String> DEFAULT_EVENTS = Set.of("failure", "partial", "suspicious", "check");

    public NotifyTarget {
        on = Set.copyOf(on);
    }

    /** The URL without its path, query or user info: what logs and errors may show. */
    public String redacted() {
        return url.getScheme() + "://" + url.getHost() + (url.getPort() < 0 ? "" : ":" + url.getPort()) + "/…";
    }
}
