package org.claimback.restore;

import java.nio.file.Path;

/**
 * Where one claim's restore goes and why.
 *
 * @param directory the target directory (absolute)
 * @param reason    why this directory, for people: printed in the plan and in {@code --json}
 * @param moveAside the directory is not empty and {@code --force} was given: its entries are moved
 *                  aside before restoring
 */
public record ChosenTarget(Path directory, String reason, boolean moveAside) {

    public ChosenTarget {
        directory = directory.toAbsolutePath().normalize();
    }
}
