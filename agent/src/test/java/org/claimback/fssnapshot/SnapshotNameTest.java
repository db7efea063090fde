package org.claimback.fssnapshot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Snapshot names say who made them and when, and read back. */
class SnapshotNameTest {
    @Test
    void a_name_carries_time_pid_boot_start_and_counter_and_reads_back() {
        SnapshotName name = new SnapshotName(Instant.parse("2026-01-01T02:00:03.456Z"), new SnapshotOwner("0f1e2d3c", 4242, 123456), 7);

        assertEquals("snapshot-20260101T020003Z-pid4242-boot0f1e2d3c-start123456-7", name.format());
        assertEquals(Optional.of(name), SnapshotName.parse(name.format()));
    }

    @Test
    void other_names_are_not_snapshot_names() {
        for (String other : new String[] {"keep-me", "snapshot-20260101T020003Z-pid4242-boot0f1e2d3c-start123456-7.tmp",
                "snapshot-20261301T020003Z-pid1-boot0f1e2d3c-start1-1", ".."}) {
            assertTrue(SnapshotName.parse(other).isEmpty(), other);
        }
    }
}
