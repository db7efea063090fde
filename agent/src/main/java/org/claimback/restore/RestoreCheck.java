package org.claimback.restore;

import java.nio.file.Path;
import org.claimback.catalog.SnapshotRecord;

/**
 * A further check of a restored tree, run by {@link RestoreEngine} after its own count check and
 * BEFORE the run is finished, so that a run is never recorded {@code ok} before every check passed
 * (a drill's comparison with {@code restic ls}, for example).
 */
@FunctionalInterface
public interface RestoreCheck {

    /** Checks nothing. */
    RestoreCheck NONE = (snapshot, target) -> null;

    /** The problem found, as a readable sentence, or null when the tree is right. May throw when it cannot check. */
    String problemWith(SnapshotRecord snapshot, Path target);
}
