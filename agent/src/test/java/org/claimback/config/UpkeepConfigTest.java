package org.claimback.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The keys of the year-long agent: schedules, backup, retention, check, claims rules, agent, notify, status token. */
class UpkeepConfigTest {
    @TempDir
    Path tmp;
    Path password;

    @BeforeEach
    void passwordFile() throws Exception {
        password = tmp.resolve("pw");
        Files.writeString(password, "secret\n");
    }

    private String valid() {
        return "exports:\n  - path: /srv/nfs/k8s\nrepository: /var/lib/claimback/repo\npasswordFile: " + password
                + "\ncatalog: /var/lib/claimback/catalog.db\n";
    }

    private Config load(String yaml) throws Exception {
        Path file = tmp.resolve("config.yaml");
        Files.writeString(file, valid() + yaml);
        return ConfigLoader.load(file);
    }

    private String refused(String yaml) throws Exception {
        Path file = tmp.resolve("config.yaml");
        Files.writeString(file, valid() + yaml);
        return assertThrows(ConfigException.class, () -> ConfigLoader.load(file)).getMessage();
    }

    @Test
    void should_default_every_upkeep_key() throws Exception {
        Config c = load("");
        assertEquals(new ScheduleConfig("0 0 2 * * ?", null, "0 30 3 * * ?", "0 0 5 ? * SUN", "0 0 6 ? * SAT"), c.schedule());
        assertEquals(new BackupConfig(2, 10), c.backup());
        assertEquals(new RetentionConfig(new RetentionPolicy(3, 7, 5, 12, 3), 14), c.retention());
        assertEquals(new CheckConfig(12), c.check());
        assertEquals(List.of(), c.claims());
        assertEquals(new AgentConfig(Duration.ofSeconds(30), Duration.ofMinutes(10)), c.agent());
        assertEquals(List.of(), c.notifications());
        assertNull(c.status().tokenFile());
    }

    @Test
    void should_read_schedules_that_are_off_and_a_policy_whose_missing_keys_keep_nothing() throws Exception {
        Config c = load("""
                schedule:
                  backup: "0 0 */6 * * ?"
                  retention: off
                  prune: "off"
                  check: "0 0 7 ? * MON"
                backup:
                  parallel: 4
                  shrinkGuardPercent: 0
                retention:
                  keepDaily: 14
                  catalogCopies: 5
                check:
                  readDataSubsets: 0
                agent:
                  stopGrace: 2m
                  lockWait: 45s
                """);
        assertEquals(new ScheduleConfig("0 0 */6 * * ?", null, null, null, "0 0 7 ? * MON"), c.schedule());
        assertEquals(new BackupConfig(4, 0), c.backup());
        assertEquals(new RetentionConfig(new RetentionPolicy(0, 14, 0, 0, 0), 5), c.retention());
        assertEquals(List.of("--keep-daily", "14"), c.retention().policy().resticOptions());
        assertEquals(new CheckConfig(0), c.check());
        assertEquals(new AgentConfig(Duration.ofMinutes(2), Duration.ofSeconds(45)), c.agent());
    }

    @Test
    void should_match_claim_rules_by_name_key_or_glob_first_match_first() throws Exception {
        Config c = load("""
                claims:
                  - match: media/library
                    schedule: "0 0 */6 * * ?"
                  - match: "media/*"
                    retention: {keepLast: 2}
                  - match: "*-db"
                    schedule: off
                """);
        ClaimRule exact = c.claims().get(0);
        ClaimRule glob = c.claims().get(1);
        ClaimRule key = c.claims().get(2);
        assertTrue(exact.matches("media/library", "media-library"));
        assertFalse(exact.matches("media/library2", "media-library2"));
        assertTrue(glob.matches("media/photos", "media-photos"));
        assertFalse(glob.matches("mediax/photos", "mediax-photos"));
        assertTrue(key.matches(null, "apps-postgres-db"), "an unresolved claim is matched by its key");
        assertTrue(key.matches("apps/postgres-db", "apps-postgres-db"));
        assertEquals(ClaimRule.OFF, key.schedule());
        assertEquals(new RetentionPolicy(2, 0, 0, 0, 0), glob.retention());
        assertNull(glob.schedule());
    }

    @Test
    void should_read_notify_targets_with_default_events_and_secrets_from_files() throws Exception {
        Path url = tmp.resolve("hc-url");
        Files.writeString(url, "https://hc-ping.com/6c2a-secret-uuid\n");
        Path token = tmp.resolve("ntfy-token");
        Files.writeString(token, "tk_secret\n");
        Config c = load("notify:\n"
                + "  - format: ntfy\n    url: https://ntfy.sh/claimback-alerts\n    tokenFile: " + token + "\n"
                + "  - format: healthchecks\n    urlFile: " + url + "\n"
                + "  - format: webhook\n    url: http://127.0.0.1:8080/hook\n    on: [failure, success]\n");
        NotifyTarget ntfy = c.notifications().get(0);
        assertEquals(NotifyTarget.DEFAULT_EVENTS, ntfy.on());
        assertEquals(token, ntfy.tokenFile());
        NotifyTarget hc = c.notifications().get(1);
        assertEquals(URI.create("https://hc-ping.com/6c2a-secret-uuid"), hc.url());
        assertTrue(hc.on().containsAll(Set.of("start", "success", "failure")));
        assertEquals("https://hc-ping.com/…", hc.redacted(), "no secret path in what logs show");
        assertEquals(Set.of("failure", "success"), c.notifications().get(2).on());
    }

    @Test
    void should_allow_a_status_address_beyond_loopback_only_with_a_token_file() throws Exception {
        Path token = tmp.resolve("status-token");
        Files.writeString(token, "s3cret-token\n");
        Config c = load("status:\n  listen: 0.0.0.0:9807\n  tokenFile: " + token + "\n");
        assertEquals(new StatusConfig(true, "0.0.0.0", 9807, token), c.status());
        String e = refused("status:\n  listen: 0.0.0.0:9807\n  tokenFile: " + tmp.resolve("missing") + "\n");
        assertTrue(e.contains("status.tokenFile: ") && e.contains("does not exist"), e);
    }

    @Test
    void should_refuse_bad_upkeep_values_with_line_key_and_fix() throws Exception {
        assertTrue(refused("backup:\n  parallel: 0\n").contains(":7: backup.parallel: 0 is out of range: use 1 to 32"));
        assertTrue(refused("backup:\n  parallel: many\n").contains("backup.parallel: must be a whole number from 1 to 32, got `many`"));
        assertTrue(refused("retention:\n  keepLast: 0\n").contains("retention: a policy that keeps nothing would forget every snapshot"));
        assertTrue(refused("retention:\n  keepHourly: 5\n").contains("retention.keepHourly: unknown key"));
        assertTrue(refused("schedule:\n  check: weekly\n").contains("schedule.check: `weekly` is not a Quartz cron expression"));
        assertTrue(refused("agent:\n  stopGrace: 30\n").contains("agent.stopGrace: `30` is not a duration: write a number and s, m or h"));
        assertTrue(refused("claims:\n  - match: media/library\n").contains("claims[]: the rule for `media/library` changes nothing"));
        assertTrue(refused("claims:\n  - match: \"media library\"\n    schedule: off\n").contains("claims[].match: `media library` is not a claim pattern"));
        assertTrue(refused("notify:\n  - format: slack\n    url: https://x\n").contains("notify[].format: unknown format `slack`"));
        assertTrue(refused("notify:\n  - format: ntfy\n").contains("give exactly one of url and urlFile"));
        assertTrue(refused("notify:\n  - format: ntfy\n    url: ftp://x/y\n").contains("must be an http:// or https:// URL"));
        assertTrue(refused("notify:\n  - format: ntfy\n    url: https://ntfy.sh/t\n    on: [sometimes]\n").contains("unknown event `sometimes`"));
    }
}
