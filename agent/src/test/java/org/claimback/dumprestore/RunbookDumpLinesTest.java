package org.claimback.dumprestore;

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
import org.claimback.catalog.DumpRecord;
import org.claimback.catalog.SnapshotRecord;
import org.claimback.catalog.VolumeRecord;
import org.claimback.config.ConfigLoader;
import org.claimback.engine.Engine;
import org.claimback.runbook.Runbook;
import org.claimback.testing.TestExport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The runbook's dump commands, from a catalogue (no restic runs). */
class RunbookDumpLinesTest {
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2024-06-01T08:00:00Z"), ZoneOffset.UTC);

    @TempDir
    Path tmp;

    @Test
    void a_claims_page_lists_each_dump_name_with_the_claimback_and_plain_restic_commands() throws Exception {
        TestExport export = TestExport.create(tmp.resolve("export"));
        Path db = export.newVolume("shop", "db");
        Path web = export.newVolume("shop", "web");
        try (Engine engine = engine()) {
            engine.claimSync().sync();
            Catalog c = engine.catalog();
            ClaimRecord dbClaim = engine.claimResolver().resolve("shop/db");
            ClaimRecord webClaim = engine.claimResolver().resolve("shop/web");
            snapshot(c, dbClaim, db, "aaaaaaaa");
            snapshot(c, webClaim, web, "bbbbbbbb");
            dump(c, dbClaim, "1111111111", "app.sql", "2024-05-01T02:00:00Z", "ok");
            dump(c, dbClaim, "2222222222", "app.sql", "2024-05-02T02:00:00Z", "ok");
            dump(c, dbClaim, "3333333333", "app.sql", "2024-05-03T02:00:00Z", "failed");
            dump(c, dbClaim, "4444444444", "it's.sql", "2024-05-03T02:00:00Z", "failed");

            String md = new Runbook(engine.config(), c, CLOCK, "0.18.0").markdown();
            String dbPage = md.substring(md.indexOf("#### `shop/db`"), md.indexOf("#### `shop/web`"));
            String webPage = md.substring(md.indexOf("#### `shop/web`"));

            assertTrue(dbPage.contains("- `app.sql`: newest complete dump `22222222` of 2024-05-02 02:00:00 UTC, 1.0 KiB (1024 bytes).\n"), dbPage);
            assertTrue(dbPage.contains("claimback restore shop/db --dump 'app.sql' --to 'app.sql'\n"), dbPage);
            assertTrue(dbPage.contains("restic snapshots --host 'nfs1' --tag 'claimback-dump,claim-key=shop-db,dump=app.sql'"),
                    dbPage);
            assertTrue(dbPage.contains("restic dump 2222222222 '/app.sql' > 'app.sql'"), dbPage);
            assertTrue(dbPage.contains("- `it's.sql`: NO complete dump: the newest, of 2024-05-03 02:00:00 UTC, failed"), dbPage);
            assertTrue(dbPage.contains("restic dump ID '/it'\\''s.sql' > 'it'\\''s.sql'   # FILL IN"), dbPage);
            assertFalse(dbPage.contains("3333333333"), "a failed dump is never offered");
            assertFalse(dbPage.contains("--dump 'it'"), "no claimback command for a name without a complete dump");
            assertFalse(webPage.contains("dump"), webPage);
        }
    }

    private static void snapshot(Catalog c, ClaimRecord claim, Path dir, String id) {
        VolumeRecord volume = c.volumeByPath(dir.toString()).orElseThrow();
        c.addSnapshot(new SnapshotRecord(0, id, id, claim.id(), volume.id(), null, Instant.parse("2024-05-02T02:00:00Z"), "nfs1",
                dir.toString(), List.of("claimback", "claim-key=" + claim.claimKey()), false, 3, 0, 0, 3, 2048, 2048));
    }

    private static void dump(Catalog c, ClaimRecord claim, String id, String name, String time, String state) {
        c.addDump(new DumpRecord(0, id, id.substring(0, 8), claim.id(), null, name, Instant.parse(time), "nfs1",
                1024, state, "ok".equals(state) ? null : "pg_dump exited 1"));
    }

    private Engine engine() throws Exception {
        Path password = tmp.resolve("password");
        Files.writeString(password, "not used\n");
        Files.setPosixFilePermissions(password, PosixFilePermissions.fromString("rw-------"));
        Path config = tmp.resolve("config.yaml");
        Files.writeString(config, "exports:\n  - path: " + tmp.resolve("export") + "\n"
                + "repository: /var/lib/claimback/repo\n"
                + "passwordFile: " + password + "\n"
                + "catalog: " + tmp.resolve("catalog.db") + "\n"
                + "host: nfs1\n"
                + "namespaces: [shop]\n"
                + "restic:\n  binary: /usr/bin/restic\n  cacheDir: " + tmp.resolve("cache") + "\n");
        return Engine.open(ConfigLoader.load(config));
    }
}
