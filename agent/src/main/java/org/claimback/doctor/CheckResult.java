package org.claimback.doctor;

import java.util.Objects;

/**
 * What one check found: its name, a status and one line a person can act on (what is wrong and
 * the command or setting that fixes it). Line breaks in {@code detail} become blanks.
 */
public record CheckResult(String name, Status status, String detail) {

    public CheckResult {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(status, "status");
        detail = detail == null ? "" : detail.strip().replaceAll("\\s*\\R\\s*", " ");
    }

    public static CheckResult ok(String name, String detail) {
        return new CheckResult(name, Status.OK, detail);
    }

    public static CheckResult warn(String name, String detail) {
        return new CheckResult(name, Status.WARN, detail);
    }

    public static CheckResult fail(String name, String detail) {
        return new CheckResult(name, Status.FAIL, detail);
    }

    public static CheckResult skip(String name, String detail) {
        return new CheckResult(name, Status.SKIP, detail);
    }
}
