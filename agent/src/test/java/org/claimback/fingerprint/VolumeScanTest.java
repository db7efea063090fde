package org.claimback.fingerprint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class VolumeScanTest {
    @TempDir
    Path tmp;

    private Path base() throws Exception {
        Path v = tmp.resolve("volume");
        Files.createDirectory(v);
        Files.setPosixFilePermissions(v, PosixFilePermissions.fromString("rwxrwxrwx"));
        VolumeChange.writeBase(v);
        return v;
    }

    @ParameterizedTest
    @EnumSource(VolumeChange.class)
    void should_give_a_new_fingerprint_after_every_change_restic_notices(VolumeChange change) throws Exception {
        Path v = base();
        Fingerprint before = VolumeScan.of(v);

        change.applyTo(v);

        assertNotEquals(before.hex(), VolumeScan.of(v).hex(), change.name());
    }

    @Test
    void should_give_the_same_fingerprint_for_an_untouched_volume_even_after_its_files_were_read() throws Exception {
        Path v = base();
        Fingerprint before = VolumeScan.of(v);

        Files.readAllBytes(v.resolve("a.txt"));
        Files.readAllBytes(v.resolve("d1/d2/d3/d4/deep.txt"));
        Fingerprint after = VolumeScan.of(v);

        assertEquals(before, after);
    }

    @Test
    void should_count_every_entry_with_the_root_and_the_bytes_of_regular_files_only() throws Exception {
        Path v = base();

        Fingerprint f = VolumeScan.of(v);

        // root, a.txt, b.bin, big.dat, link, d1, d2, d3, d4, deep.txt
        assertEquals(10, f.entries(), f::toString);
        assertEquals(11 + 10 + 20_000 + 4, f.bytes(), f::toString);
        assertEquals(64, f.hex().length());
    }

    @Test
    void should_not_follow_a_symlink_out_of_the_volume() throws Exception {
        Path v = base();
        Path outside = tmp.resolve("outside");
        Files.createDirectory(outside);
        Files.createSymbolicLink(v.resolve("out"), outside);
        Fingerprint before = VolumeScan.of(v);

        Files.writeString(outside.resolve("elsewhere"), "not in the volume");

        assertEquals(before, VolumeScan.of(v), "restic stores the link, not what it points to");
    }
}
