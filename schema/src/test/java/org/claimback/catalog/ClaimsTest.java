package org.claimback.catalog;

import static org.claimback.catalog.Fixtures.T0;
import static org.claimback.catalog.Fixtures.at;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ClaimsTest {

    private static final List<Candidate> DEFAULT_TEST_CLAIM =
            List.of(new Candidate("default", "test-claim"), new Candidate("default-test", "claim"));

    @TempDir
    Path dir;
    Catalog catalog;

    @BeforeEach
    void open() {
        catalog = Catalog.open(dir.resolve("catalog.db"));
    }

    @AfterEach
    void close() {
        catalog.close();
    }

    @Test
    void should_insert_a_new_claim_and_return_it() {
        ClaimRecord claim = catalog.upsertClaim("default-data", "default", "data", "inventory", List.of(), T0);

        assertTrue(claim.id() > 0);
        assertEquals(new ClaimRecord(claim.id(), "default-data", "default", "data", "inventory", List.of(), T0, T0), claim);
        assertEquals(claim, catalog.claimByKey("default-data").orElseThrow());
        assertEquals(claim, catalog.claimById(claim.id()).orElseThrow());
    }

    @Test
    void should_keep_first_seen_when_a_claim_is_seen_again() {
        ClaimRecord first = catalog.upsertClaim("default-data", "default", "data", "name", List.of(), at(0));
        ClaimRecord again = catalog.upsertClaim("default-data", "default", "data", "inventory", List.of(), at(60));

        assertEquals(first.id(), again.id());
        assertEquals(at(0), again.firstSeen());
        assertEquals(at(60), again.lastSeen());
        assertEquals("inventory", again.mappedBy());
        assertEquals(1, catalog.claims().size());
    }

    @Test
    void should_widen_seen_times_when_an_older_sighting_is_replayed() {
        catalog.upsertClaim("default-data", "default", "data", "name", List.of(), at(60));
        ClaimRecord replayed = catalog.upsertClaim("default-data", "default", "data", "name", List.of(), at(0));

        assertEquals(at(0), replayed.firstSeen());
        assertEquals(at(60), replayed.lastSeen());
    }

    @Test
    void should_round_trip_the_candidates_of_an_ambiguous_claim() {
        ClaimRecord claim = catalog.upsertClaim("default-test-claim", null, null, "name", DEFAULT_TEST_CLAIM, T0);

        assertNull(claim.namespace());
        assertFalse(claim.resolved());
        assertEquals(DEFAULT_TEST_CLAIM, claim.candidates());
        assertEquals(DEFAULT_TEST_CLAIM, catalog.claimByKey("default-test-claim").orElseThrow().candidates());
    }

    @Test
    void should_replace_the_candidates_when_a_claim_is_seen_again() {
        catalog.upsertClaim("default-test-claim", null, null, "name", DEFAULT_TEST_CLAIM, T0);
        ClaimRecord resolved = catalog.upsertClaim("default-test-claim", "default", "test-claim", "inventory",
                List.of(new Candidate("default", "test-claim")), at(1));

        assertEquals("default", resolved.namespace());
        assertEquals("test-claim", resolved.name());
        assertEquals(List.of(new Candidate("default", "test-claim")), resolved.candidates());
    }

    @Test
    void should_keep_a_resolved_name_when_seen_again_without_one() {
        catalog.upsertClaim("default-test-claim", "default", "test-claim", "inventory", List.of(), T0);
        ClaimRecord again = catalog.upsertClaim("default-test-claim", null, null, "name", DEFAULT_TEST_CLAIM, at(1));

        assertEquals("default", again.namespace());
        assertEquals("test-claim", again.name());
        assertEquals("inventory", again.mappedBy());
        assertEquals(DEFAULT_TEST_CLAIM, again.candidates());
        assertEquals(at(1), again.lastSeen());
    }

    @Test
    void should_ignore_repeated_candidates() {
        ClaimRecord claim = catalog.upsertClaim("a-b-c", null, null, "name",
                List.of(new Candidate("a", "b-c"), new Candidate("a", "b-c"), new Candidate("a-b", "c")), T0);
        assertEquals(List.of(new Candidate("a", "b-c"), new Candidate("a-b", "c")), claim.candidates());
    }

    @Test
    void should_list_claims_by_namespace_and_name_with_unresolved_ones_last() {
        catalog.upsertClaim("default-test-claim", null, null, "name", DEFAULT_TEST_CLAIM, T0);
        catalog.upsertClaim("web-cache", "web", "cache", "name", List.of(), T0);
        catalog.upsertClaim("db-data-postgres-0", "db", "data-postgres-0", "inventory", List.of(), T0);
        catalog.upsertClaim("a-b-c", null, null, "name", List.of(), T0);

        assertEquals(List.of("db-data-postgres-0", "web-cache", "a-b-c", "default-test-claim"),
                catalog.claims().stream().map(ClaimRecord::claimKey).toList());
    }

    @Test
    void should_find_claims_by_name_resolved_or_among_candidates() {
        ClaimRecord ambiguous = catalog.upsertClaim("default-test-claim", null, null, "name", DEFAULT_TEST_CLAIM, T0);
        ClaimRecord resolved = catalog.upsertClaim("default-test", "default", "test", "inventory", List.of(), T0);

        assertEquals(List.of(ambiguous), catalog.claimsByName("default-test", "claim"));
        assertEquals(List.of(ambiguous), catalog.claimsByName("default", "test-claim"));
        assertEquals(List.of(resolved), catalog.claimsByName("default", "test"));
        assertEquals(List.of(), catalog.claimsByName("default", "nothing"));
    }

    @Test
    void should_return_empty_for_an_unknown_claim() {
        assertTrue(catalog.claimByKey("nobody-here").isEmpty());
        assertTrue(catalog.claimById(42).isEmpty());
    }

    @Test
    void should_keep_a_claim_known_only_by_a_provisional_key_until_an_inventory_names_it() {
        String pv = "pvc-5d0e8c2a-7b41-4f3e-8a96-1c2d3e4f5a6b";
        ClaimRecord provisional = catalog.upsertClaim(pv, null, null, "none", List.of(), T0);

        assertEquals("none", provisional.mappedBy());
        assertFalse(provisional.resolved());
        assertEquals("none", catalog.upsertClaim(pv, null, null, "none", List.of(), at(1)).mappedBy());
        assertEquals("inventory", catalog.upsertClaim(pv, "shop", "orders", "inventory", List.of(), at(2)).mappedBy());
    }

    @Test
    void should_reject_an_unknown_mapping_or_half_a_name() {
        assertThrows(IllegalArgumentException.class,
                () -> catalog.upsertClaim("default-data", "default", "data", "guess", List.of(), T0));
        assertThrows(IllegalArgumentException.class,
                () -> catalog.upsertClaim("default-data", "default", null, "name", List.of(), T0));
        assertTrue(catalog.claims().isEmpty());
    }
}
