package org.claimback.dumprestore;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.claimback.catalog.Catalog;
import org.claimback.catalog.ClaimRecord;
import org.claimback.catalog.DumpRecord;
import org.claimback.outcome.ExitCode;
import org.claimback.outcome.UserError;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Which dump a restore picks, on a real catalogue file. */
class DumpChoiceTest {
    @TempDir
    Path tmp;

    private static final Instant T0 = Instant.parse("2026-11-20T02:00:00Z");

    private static DumpRecord dump(Catalog c, ClaimRecord claim, String id, String name, int hoursLater, String state) {
        return c.addDump(new DumpRecord(0, id, id.substring(0, 8), claim.id(), null, name, T0.plusSeconds(3600L * hoursLater),
                "h", 100, state, "ok".equals(state) ? null : "pg_dump exited 1"));
    }

    @Test
    void the_newest_complete_dump_is_chosen_and_a_newer_failed_one_never_is() throws Exception {
        try (Catalog c = Catalog.open(tmp.resolve("catalog.db"))) {
            ClaimRecord claim = c.insertClaim("default-db", "default", "db", "name", List.of(), T0);
            dump(c, claim, "aaaaaaaa11", "app.sql", 0, "ok");
            DumpRecord good = dump(c, claim, "bbbbbbbb22", "app.sql", 1, "ok");
            dump(c, claim, "cccccccc33", "app.sql", 2, "failed");
            dump(c, claim, "dddddddd44", "other.sql", 3, "ok");

            assertEquals(good.id(), DumpChoice.choose(c, claim, "app.sql", null).id());
        }
    }

    @Test
    void an_unknown_name_is_refused_naming_the_dumps_the_claim_has() throws Exception {
        try (Catalog c = Catalog.open(tmp.resolve("catalog.db"))) {
            ClaimRecord claim = c.insertClaim("default-db", "default", "db", "name", List.of(), T0);
            dump(c, claim, "aaaaaaaa11", "app.sql", 0, "ok");
            dump(c, claim, "bbbbbbbb22", "keycloak.sql", 0, "ok");

            UserError e = assertThrows(UserError.class, () -> DumpChoice.choose(c, claim, "nope.sql", null));
            assertEquals(ExitCode.USAGE, e.exitCode());
            assertEquals("default/db has no dump nope.sql: its dumps are app.sql, keycloak.sql; give one of them to --dump",
                    e.getMessage());
        }
    }

    @Test
    void a_failed_dump_named_by_its_snapshot_is_refused_and_a_name_with_only_failed_dumps_fails() throws Exception {
        try (Catalog c = Catalog.open(tmp.resolve("catalog.db"))) {
            ClaimRecord claim = c.insertClaim("default-db", "default", "db", "name", List.of(), T0);
            dump(c, claim, "cccccccc33", "app.sql", 2, "failed");

            UserError named = assertThrows(UserError.class, () -> DumpChoice.choose(c, claim, "app.sql", "cccccccc"));
            assertEquals(ExitCode.USAGE, named.exitCode());
            assertTrue(named.getMessage().contains("is failed (pg_dump exited 1): it cannot be restored"), named.getMessage());

            UserError none = assertThrows(UserError.class, () -> DumpChoice.choose(c, claim, "app.sql", null));
            assertEquals(ExitCode.FAILED, none.exitCode());
            assertTrue(none.getMessage().startsWith("no complete dump app.sql of default/db: the newest, of "), none.getMessage());
        }
    }

    @Test
    void a_snapshot_of_another_dump_or_claim_is_refused_and_a_complete_one_is_taken_by_prefix() throws Exception {
        try (Catalog c = Catalog.open(tmp.resolve("catalog.db"))) {
            ClaimRecord claim = c.insertClaim("default-db", "default", "db", "name", List.of(), T0);
            ClaimRecord other = c.insertClaim("default-web", "default", "web", "name", List.of(), T0);
            DumpRecord old = dump(c, claim, "aaaaaaaa11", "app.sql", 0, "ok");
            dump(c, claim, "bbbbbbbb22", "app.sql", 1, "ok");
            dump(c, claim, "dddddddd44", "other.sql", 3, "ok");
            dump(c, other, "eeeeeeee55", "app.sql", 3, "ok");

            assertEquals(old.id(), DumpChoice.choose(c, claim, "app.sql", "aaaaaaaa").id());
            UserError otherName = assertThrows(UserError.class, () -> DumpChoice.choose(c, claim, "app.sql", "dddddddd44"));
            assertTrue(otherName.getMessage().contains("is dump other.sql of default/db, not app.sql"), otherName.getMessage());
            UserError otherClaim = assertThrows(UserError.class, () -> DumpChoice.choose(c, claim, "app.sql", "eeeeeeee"));
            assertTrue(otherClaim.getMessage().startsWith("snapshot eeeeeeee is not a dump of default/db"), otherClaim.getMessage());
        }
    }
}
