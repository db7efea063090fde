package org.claimback.runbook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.claimback.catalog.Catalog;
import org.claimback.catalog.ClaimRecord;
import org.claimback.catalog.SnapshotRecord;
import org.claimback.catalog.VolumeRecord;
import org.claimback.config.Config;
import org.claimback.config.ConfigLoader;
import org.claimback.engine.Engine;
import org.claimback.testing.TestExport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The runbook from a catalogue with every kind of claim: backed up, drilled, partial, unmapped, archived. */
class RunbookTest {
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2024-06-01T08:00:00Z"), ZoneOffset.UTC);
    private static final String SECRET = "s3cr3t-in-the-url";

    @TempDir
    Path tmp;

    @Test
    void should_describe_each_claim_warn_about_claims_without_backup_and_print_no_secret() throws Exception {
        TestExport export = TestExport.create(tmp.resolve("export"));
        Path web = export.newVolume("shop", "web");
        Path db = export.newVolume("shop", "db");
        Path logs = export.newVolume("ops", "data-logs-0"); // splits two ways: its namespace is not known
        Path gone = export.archive(export.newVolume("old", "wiki"));
        export.newVolume("ops", "never");
        try (Engine engine = engine("rest:https://backup:" + SECRET + "@backup.lan:8000/claimback")) {
            engine.claimSync().sync();
            Catalog catalog = engine.catalog();
            ClaimRecord shop = engine.claimResolver().resolve("shop/web");
            snapshot(catalog, shop, web, "2024-05-01T02:00:00Z", "aaaaaaaa", false, "root=1000:1000:2770");
            snapshot(catalog, shop, web, "2024-05-02T02:00:00Z", "bbbbbbbb", true, "root=1000:1000:2770");
            ClaimRecord dbClaim = engine.claimResolver().resolve("shop/db");
            snapshot(catalog, dbClaim, db, "2024-05-02T02:00:00Z", "cccccccc", true, "root=999:999:0700");
            ClaimRecord logsClaim = catalog.claims().stream().filter(c -> !c.resolved()).findFirst().orElseThrow();
            snapshot(catalog, logsClaim, logs, "2024-05-02T02:00:00Z", "dddddddd", false, "root=0:0:0755");
            ClaimRecord wiki = catalog.claims().stream().filter(c -> "wiki".equals(c.name())).findFirst().orElseThrow();
            snapshot(catalog, wiki, gone, "2024-04-02T02:00:00Z", "eeeeeeee", false, "root=33:33:0755");
            drill(catalog, shop, "2024-05-10T03:00:00Z", 95, "ok", null);
            drill(catalog, shop, "2024-05-20T03:00:00Z", 12, "failed", "restore into /x is INCOMPLETE");

            String md = new Runbook(engine.config(), catalog, CLOCK, "0.18.0").markdown();

            assertEquals(md, new Runbook(engine.config(), catalog, CLOCK, "0.18.0").markdown(), "the same runbook twice");
            assertFalse(md.contains(SECRET), "no credentials");
            assertTrue(md.contains("rest:https://backup.lan:8000/claimback"), md);
            assertTrue(md.contains("put them back into RESTIC_REPOSITORY"), md);
            assertTrue(md.startsWith("# claimback disaster-recovery runbook\n\nWritten 2024-06-01 08:00:00 UTC"), md);

            String warning = section(md, "## WARNING: no backup");
            assertTrue(warning.contains("`shop/db`: its newest backup (cccccccc, 2024-05-02 02:00:00 UTC) is partial"), warning);
            assertTrue(warning.contains("`ops/never`: never backed up"), warning);
            assertEquals(2, warning.lines().filter(l -> l.startsWith("- ")).count(), warning);

            String shopWeb = section(md, "#### `shop/web`");
            assertTrue(shopWeb.contains("snapshot `aaaaaaaa` of 2024-05-01 02:00:00 UTC, 3 files, 2.0 KiB (2048 bytes)"),
                    "the partial newer snapshot is skipped: " + shopWeb);
            assertTrue(shopWeb.contains("Last drill: 2024-05-20 03:00:00 UTC, failed in 12 s (restore into /x is INCOMPLETE)."
                    + " Last successful drill: 2024-05-10 03:00:00 UTC."), shopWeb);
            assertTrue(shopWeb.contains("TARGET='" + web + "'"), shopWeb);
            assertTrue(shopWeb.contains("restic restore aaaaaaaa --target \"$TARGET\" --verify"), shopWeb);
            assertTrue(shopWeb.contains("chown 1000:1000 \"$TARGET\" && chmod 02770 \"$TARGET\""), shopWeb);
            assertTrue(shopWeb.contains("claimback restore shop/web --to-new-pv"), shopWeb);
            assertTrue(shopWeb.contains("kind: PersistentVolume\n"), shopWeb);
            assertTrue(shopWeb.contains("PLANNED, nothing is made"), shopWeb);

            String unknown = section(md, "### Namespace (namespace not known)");
            assertTrue(unknown.contains("#### `ops-data-logs-0`"), unknown);
            assertTrue(unknown.contains("No static PV:") && unknown.contains("map it first"), unknown);
            assertTrue(md.indexOf("### Namespace `shop`") < md.indexOf("### Namespace (namespace not known)"), md);

            String oldWiki = section(md, "#### `old/wiki`");
            assertTrue(oldWiki.contains("Never drilled."), oldWiki);
            assertTrue(oldWiki.contains("TARGET=''   # FILL IN"), "no current volume: " + oldWiki);

            try (var entries = Files.list(export.root())) {
                assertEquals(5, entries.count(), "writing a runbook makes no directory");
            }
        }
    }

    @Test
    void should_print_a_config_that_loads_back_to_the_same_values() throws Exception {
        TestExport.create(tmp.resolve("export"));
        try (Engine engine = engine("/var/lib/claimback/repo")) {
            Config original = engine.config();
            Path copy = tmp.resolve("copy.yaml");
            Files.writeString(copy, ConfigYaml.of(original));

            Config loaded = ConfigLoader.load(copy);

            assertEquals(original.exports(), loaded.exports());
            assertEquals(original.repository(), loaded.repository());
            assertEquals(original.passwordFile(), loaded.passwordFile());
            assertEquals(original.catalog(), loaded.catalog());
            assertEquals(original.host(), loaded.host());
            assertEquals(original.namespaces(), loaded.namespaces());
            assertEquals(original.schedule(), loaded.schedule());
            assertEquals(original.restic(), loaded.restic());
        }
    }

    private static void snapshot(Catalog catalog, ClaimRecord claim, Path dir, String time, String id, boolean partial,
                                 String rootTag) {
        VolumeRecord volume = catalog.volumeByPath(dir.toString()).orElseThrow();
        catalog.addSnapshot(new SnapshotRecord(0, id, id, claim.id(), volume.id(), null, Instant.parse(time), "nfs1",
                dir.toString(), List.of("claimback", "claim-key=" + claim.claimKey(), rootTag), partial, 3, 0, 0, 3, 2048, 2048));
    }

    private static void drill(Catalog catalog, ClaimRecord claim, String start, int seconds, String state, String error) {
        Instant started = Instant.parse(start);
        long run = catalog.startRun("drill", claim.id(), null, "nfs1", "schedule", started);
        catalog.finishRun(run, state, error, null, started.plusSeconds(seconds));
    }

    private Engine engine(String repository) throws Exception {
        Path password = tmp.resolve("password");
        Files.writeString(password, "not used\n");
        Files.setPosixFilePermissions(password, PosixFilePermissions.fromString("rw-------"));
        Path config = tmp.resolve("config.yaml");
        Files.writeString(config, "exports:\n  - path: " + tmp.resolve("export") + "\n"
                + "repository: " + repository + "\n"
                + "passwordFile: " + password + "\n"
                + "catalog: " + tmp.resolve("catalog.db") + "\n"
                + "host: nfs1\n"
                + "namespaces: [shop, old]\n"
                + "schedule:\n  backup: \"0 30 1 * * ?\"\n"
                + "restic:\n  binary: /usr/bin/restic\n  cacheDir: " + tmp.resolve("cache") + "\n");
        return Engine.open(ConfigLoader.load(config));
    }

    /** From a heading to the next heading of the same or a higher level. */
    private static String section(String md, String heading) {
        int start = md.indexOf(heading + "\n");
        assertTrue(start >= 0, "no heading " + heading + " in\n" + md);
        int hashes = heading.indexOf(' ');
        int end = -1;
        for (int level = 2; level <= hashes; level++) { // "# " also starts comment lines in the code blocks
            int next = md.indexOf("\n" + "#".repeat(level) + " ", start + heading.length());
            if (next >= 0 && (end < 0 || next < end)) {
                end = next;
            }
        }
        return end < 0 ? md.substring(start) : md.substring(start, end + 1);
    }
}
