package org.claimback.restic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class ResticVersionTest {

    @Test
    void should_read_the_version_line_of_release_and_development_builds() {
        ResticVersion v = ResticVersion.parse("restic 0.14.0 compiled with go1.19.8 on linux/amd64\n").orElseThrow();
        assertEquals("0.14.0", v.number());
        assertEquals("restic 0.14.0 compiled with go1.19.8 on linux/amd64", v.text());
        assertEquals("0.16.4", ResticVersion.parse("restic 0.16.4-dev (compiled manually) compiled with go1.22 on linux/arm64")
                .orElseThrow().number());
        assertEquals(Optional.empty(), ResticVersion.parse("rustic 0.5.0"));
        assertEquals(Optional.empty(), ResticVersion.parse(""));
    }

    @Test
    void should_know_what_each_version_supports() {
        ResticVersion v014 = ResticVersion.parse("restic 0.14.0 compiled with go").orElseThrow();
        ResticVersion v018 = ResticVersion.parse("restic 0.18.0 compiled with go").orElseThrow();
        ResticVersion v0131 = ResticVersion.parse("restic 0.13.1 compiled with go").orElseThrow();

        assertTrue(v014.isSupported());
        assertFalse(v0131.isSupported());
        assertFalse(v014.restoreSupportsJson() || v014.initSupportsJson() || v014.checkSupportsJson());
        assertTrue(v018.restoreSupportsJson() && v018.initSupportsJson() && v018.checkSupportsJson());
        assertTrue(v018.compareTo(v014) > 0);
        assertTrue(ResticVersion.parse("restic 1.0.0 x").orElseThrow().atLeast(0, 18, 0));
    }
}
