package org.claimback.retention;

import java.util.Optional;
import org.claimback.restic.Snapshot;

/**
 * One reason to keep a snapshot restic's policy would forget. Rules only ever add keeps: none can
 * make retention remove more than restic's policy asked for.
 */
interface RetentionRule {

    /** The rule's name as logged and stored ("keep-last-good"). */
    String name();

    /** Why {@code snapshot} must stay, or empty when this rule lets it go. */
    Optional<String> keep(Snapshot snapshot, ClaimFacts facts);
}
