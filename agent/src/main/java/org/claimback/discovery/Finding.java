package org.claimback.discovery;

import java.nio.file.Path;

/** What discovery found at one path under an export root: a volume, or a directory that fits no layout. */
public sealed interface Finding permits DiscoveredVolume, UnmatchedDirectory {

    /** The export root the path was found under. */
    Path exportRoot();

    /** The directory (or entry) itself. */
    Path path();
}
