package org.claimback.notify;

import org.claimback.testing.HttpReceiver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.claimback.config.NotifyTarget;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Each format sent to a real loopback receiver; slow and failing receivers never reach the caller. */
@Timeout(60)
class NotifiersTest {
    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final Instant AT = Instant.parse("2025-03-01T02:00:05Z");
    private static final Set<String> ALL = Set.copyOf(NotifyTarget.EVENTS);

    @TempDir
    Path tmp;

    static Notification failedBackup() {
        return new Notification("failure", Notification.RUN, "backup", "media/library", "failed",
                "restic failed: repository is already locked by PID 4711 on nas", 42L, AT);
    }

    static Notification job(String event, String state) {
        return new Notification(event, Notification.JOB, "backup", null, state, "backup of 12 claims: " + event, null, AT);
    }

    private static Notifier notifier(NotifyTarget target) {
        return new BackgroundNotifier(List.of(target), "nas", Duration.ofSeconds(1), 4, Duration.ofSeconds(3));
    }

    @Test
    void should_be_none_without_targets() {
        assertSame(Notifier.NONE, Notifiers.from(List.of(), "nas"));
        Notifier.NONE.close();
    }

    @Test
    void should_post_an_ntfy_message_with_title_priority_tags_and_the_bearer_token() throws Exception {
        Path token = Files.writeString(tmp.resolve("token"), "tk_secret123\n");
        try (HttpReceiver receiver = HttpReceiver.answering(200)) {
            try (Notifier n = notifier(new NotifyTarget("ntfy", receiver.url("/claimback-alerts"), token, ALL))) {
                n.publish(failedBackup());
                n.publish(new Notification("success", Notification.RUN, "backup", "default/web", "ok", "backup of default/web ok", 43L, AT));
            }
            HttpReceiver.Received r = receiver.next(WAIT);
            assertEquals("POST", r.method());
            assertEquals("/claimback-alerts", r.path());
            assertEquals("claimback: backup of media/library failed", r.header("Title"), r.toString());
            assertEquals("high", r.header("Priority"));
            assertTrue(r.header("Tags").contains("claimback"), r.toString());
            assertEquals("Bearer tk_secret123", r.header("Authorization"));
            assertEquals("restic failed: repository is already locked by PID 4711 on nas (nas)", r.body());
            HttpReceiver.Received ok = receiver.next(WAIT);
            assertEquals("default", ok.header("Priority"));
            assertEquals("claimback: backup of default/web succeeded", ok.header("Title"));
        }
    }

    @Test
    void should_mark_suspicious_shrinks_and_check_problems_urgent_on_ntfy() throws Exception {
        try (HttpReceiver receiver = HttpReceiver.answering(200)) {
            try (Notifier n = notifier(new NotifyTarget("ntfy", receiver.url("/t"), null, ALL))) {
                n.publish(new Notification("suspicious", Notification.RUN, "backup", "media/library", "suspicious",
                        "media/library shrank from 1200 files to 0", 7L, AT));
                n.publish(new Notification("check", Notification.JOB, "check", null, "failed", "check found 2 problems", 8L, AT));
            }
            assertEquals("urgent", receiver.next(WAIT).header("Priority"));
            HttpReceiver.Received check = receiver.next(WAIT);
            assertEquals("urgent", check.header("Priority"));
            assertEquals("claimback: check found problems", check.header("Title"));
            assertNull(check.header("Authorization"));
        }
    }

    @Test
    void should_ping_healthchecks_start_success_and_fail_for_jobs_only() throws Exception {
        try (HttpReceiver receiver = HttpReceiver.answering(200)) {
            try (Notifier n = notifier(new NotifyTarget("healthchecks", receiver.url("/ping/5f1c-uuid/"), null, ALL))) {
                n.publish(job("start", null));
                n.publish(failedBackup()); // one claim's run: healthchecks only follows jobs
                n.publish(job("success", "ok"));
                n.publish(job("partial", "partial"));
            }
            HttpReceiver.Received start = receiver.next(WAIT);
            assertEquals("/ping/5f1c-uuid/start", start.path());
            assertEquals("backup of 12 claims: start (nas)", start.body());
            assertEquals("/ping/5f1c-uuid", receiver.next(WAIT).path());
            assertEquals("/ping/5f1c-uuid/fail", receiver.next(WAIT).path());
            assertTrue(receiver.quietFor(Duration.ofMillis(300)), "the claim's run was not pinged");
        }
    }

    @Test
    void should_post_the_notification_as_json_to_a_webhook() throws Exception {
        try (HttpReceiver receiver = HttpReceiver.answering(204)) {
            try (Notifier n = notifier(new NotifyTarget("webhook", receiver.url("/hooks/abc"), null, ALL))) {
                n.publish(failedBackup());
            }
            HttpReceiver.Received r = receiver.next(WAIT);
            assertEquals("application/json", r.header("Content-Type"));
            JsonNode json = new ObjectMapper().readTree(r.body());
            assertEquals("failure", json.get("event").asText());
            assertEquals("run", json.get("scope").asText());
            assertEquals("backup", json.get("job").asText());
            assertEquals("media/library", json.get("claim").asText());
            assertEquals("failed", json.get("state").asText());
            assertEquals(42, json.get("runId").asLong());
            assertEquals("2025-03-01T02:00:05Z", json.get("at").asText());
            assertEquals("nas", json.get("host").asText());
            assertTrue(json.get("message").asText().startsWith("restic failed"), r.body());
        }
    }

    @Test
    void should_send_only_the_events_a_target_asks_for() throws Exception {
        try (HttpReceiver receiver = HttpReceiver.answering(200)) {
            try (Notifier n = notifier(new NotifyTarget("webhook", receiver.url("/h"), null, NotifyTarget.DEFAULT_EVENTS))) {
                n.publish(new Notification("success", Notification.RUN, "backup", "default/web", "ok", "ok", 1L, AT));
                n.publish(failedBackup());
            }
            assertEquals("failure", new ObjectMapper().readTree(receiver.next(WAIT).body()).get("event").asText());
            assertTrue(receiver.quietFor(Duration.ofMillis(300)));
        }
    }

    @Test
    void should_neither_throw_nor_wait_when_the_receiver_fails_or_never_answers() throws Exception {
        try (HttpReceiver failing = HttpReceiver.answering(500); HttpReceiver hanging = HttpReceiver.hanging()) {
            Notifier n = new BackgroundNotifier(List.of(new NotifyTarget("webhook", hanging.url("/h"), null, ALL),
                    new NotifyTarget("ntfy", failing.url("/t"), null, ALL)), "nas", Duration.ofSeconds(1), 2, Duration.ofSeconds(3));
            long started = System.nanoTime();
            for (int i = 0; i < 50; i++) { // far more than the queue holds: the rest are dropped, not waited for
                n.publish(failedBackup());
            }
            assertTrue(Duration.ofNanos(System.nanoTime() - started).toMillis() < 500, "publish waited");
            hanging.next(WAIT);
            failing.next(WAIT); // after the hanging receiver timed out, the next target still got it
            long closing = System.nanoTime();
            n.close();
            assertTrue(Duration.ofNanos(System.nanoTime() - closing).toMillis() < 4_500, "close waited too long");
            n.publish(failedBackup()); // after close: ignored, no exception
        }
    }

    @Test
    void should_skip_a_target_whose_token_file_is_gone_and_still_serve_the_others() throws Exception {
        try (HttpReceiver first = HttpReceiver.answering(200); HttpReceiver second = HttpReceiver.answering(200)) {
            try (Notifier n = new BackgroundNotifier(List.of(new NotifyTarget("ntfy", first.url("/t"), tmp.resolve("missing"), ALL),
                    new NotifyTarget("ntfy", second.url("/t"), null, ALL)), "nas", Duration.ofSeconds(1), 4, Duration.ofSeconds(3))) {
                n.publish(failedBackup());
            }
            assertEquals("/t", second.next(WAIT).path());
            assertTrue(first.quietFor(Duration.ofMillis(200)));
        }
    }

    @Test
    void should_show_only_scheme_host_and_port_of_a_target_in_logs() {
        NotifyTarget target = new NotifyTarget("healthchecks", URI.create("https://user:pw@hc-ping.com:8443/secret-uuid?k=1"), null, ALL);
        assertEquals("https://hc-ping.com:8443/…", target.redacted());
    }
}
