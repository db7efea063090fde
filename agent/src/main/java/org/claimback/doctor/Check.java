package org.claimback.doctor;

import java.util.List;

/**
 * One rule of {@code claimback doctor}. {@link #run} may throw: {@link Doctor#runAll} turns an
 * exception into this check's FAIL.
 */
public interface Check {

    /** Short, lowercase, with dashes: {@code restic}, {@code password-file}. */
    String name();

    CheckResult run(DoctorContext ctx);

    /**
     * Names of checks that must have passed (OK or WARN) before this one runs; it is skipped when
     * one of them failed or was skipped. {@code config} also means: skipped when the config did not
     * load.
     */
    default List<String> needs() {
        return List.of();
    }
}
