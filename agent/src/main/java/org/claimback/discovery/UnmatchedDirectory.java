package org.claimback.discovery;

import java.nio.file.Path;
import java.util.Objects;

/**
 * An entry under an export root that fits no layout. Listed so a person can see it, never guessed
 * into a claim, never backed up as one.
 *
 * @param reason why it is no volume, in words a person can act on
 */
public record UnmatchedDirectory(Path exportRoot, Path path, String reason) implements Finding {

    public UnmatchedDirectory {
        Objects.requireNonNull(exportRoot, "exportRoot");
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(reason, "reason");
    }
}
