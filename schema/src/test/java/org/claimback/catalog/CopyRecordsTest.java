package org.claimback.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CopyRecordsTest {
    @TempDir
    Path tmp;

    @Test
    void should_record_which_copies_hold_a_snapshot_and_the_newest_per_copy() {
        try (Catalog catalog = Catalog.open(tmp.resolve("catalog.db"))) {
            Instant t1 = Instant.parse("2026-01-01T02:00:00Z");
            Instant t2 = Instant.parse("2026-01-02T02:00:00Z");
            Instant now = Instant.parse("2026-01-02T03:00:00Z");
            assertTrue(catalog.newestCopied("offsite").isEmpty());
            catalog.addCopy(new CopyRecord("aaaa1111", "offsite", "c1".repeat(32), t1, now, null));
            catalog.addCopy(new CopyRecord("bbbb2222", "offsite", "c2".repeat(32), t2, now, null));
            catalog.addCopy(new CopyRecord("aaaa1111", "nas", "d1".repeat(32), t1, now, null));
            // the same snapshot seen again in the same copy replaces its row
            catalog.addCopy(new CopyRecord("aaaa1111", "offsite", "c3".repeat(32), t1, now, null));

            assertEquals(List.of("nas", "offsite"), catalog.copiesOf("aaaa1111").stream().map(CopyRecord::copyName).toList());
            assertEquals("c3".repeat(32), catalog.copiesOf("aaaa1111").get(1).copyResticId());
            assertEquals(t2, catalog.newestCopied("offsite").orElseThrow());
            assertEquals(t1, catalog.newestCopied("nas").orElseThrow());
            assertEquals(List.of("bbbb2222", "aaaa1111"), catalog.copiesIn("offsite").stream().map(CopyRecord::resticId).toList());

            assertEquals(1, catalog.deleteCopies("offsite", List.of("c2".repeat(32), "nope")));
            assertEquals(t1, catalog.newestCopied("offsite").orElseThrow());
        }
    }
}
