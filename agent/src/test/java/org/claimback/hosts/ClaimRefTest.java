package org.claimback.hosts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.claimback.claims.ClaimRef;
import org.claimback.outcome.ExitCode;
import org.claimback.outcome.UserError;
import org.junit.jupiter.api.Test;

/** CLAIM@HOST is split in one place, the same way for every command. */
class ClaimRefTest {
    @Test
    void a_claim_without_an_at_sign_names_no_host() {
        ClaimRef ref = ClaimRef.parse("media/jellyfin");
        assertEquals(new ClaimRef("media/jellyfin", null), ref);
        assertFalse(ref.qualified());
    }

    @Test
    void namespace_name_and_claim_key_take_a_host_after_the_at_sign() {
        assertEquals(new ClaimRef("media/jellyfin", "nfs-a"), ClaimRef.parse("media/jellyfin@nfs-a"));
        assertEquals(new ClaimRef("media-jellyfin", "nfs-a.example.org"), ClaimRef.parse("media-jellyfin@nfs-a.example.org"));
        assertTrue(ClaimRef.parse("media-jellyfin@nfs-a").qualified());
        assertEquals("media-jellyfin@nfs-a", ClaimRef.parse("media-jellyfin@nfs-a").toString());
    }

    @Test
    void an_empty_claim_or_host_is_a_usage_error_of_one_line() {
        for (String bad : new String[] {"media/jellyfin@", "@nfs-a"}) {
            UserError e = assertThrows(UserError.class, () -> ClaimRef.parse(bad));
            assertEquals(ExitCode.USAGE, e.exitCode());
            assertTrue(e.getMessage().contains("CLAIM@HOST") && !e.getMessage().contains("\n"), e::getMessage);
        }
    }
}
