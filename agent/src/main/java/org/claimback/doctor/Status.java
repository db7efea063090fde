package org.claimback.doctor;

/** How a check came out. Only FAIL makes {@code claimback doctor} exit 1. */
public enum Status {
    /** As it should be. */
    OK,
    /** Works, but a person should look at it. */
    WARN,
    /** claimback cannot work like this. */
    FAIL,
    /** Not run, because a check it needs failed or was skipped itself. */
    SKIP
}
