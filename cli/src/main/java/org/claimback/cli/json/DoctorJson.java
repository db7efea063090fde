package org.claimback.cli.json;

import java.util.List;
import java.util.Locale;
import org.claimback.doctor.CheckResult;

/**
 * {@code claimback doctor --json}: every check in the order run, and the command's exit code (1
 * when a check failed, else 0). {@code status} is ok, warn, fail or skip; {@code detail} is one
 * line. Several checks may share a name ({@code export-root}, once per configured root).
 */
public record DoctorJson(List<CheckJson> checks, int exitCode) {

    public record CheckJson(String name, String status, String detail) {
        public static CheckJson of(CheckResult r) {
            return new CheckJson(r.name(), r.status().name().toLowerCase(Locale.ROOT), r.detail());
        }
    }

    public static DoctorJson of(List<CheckResult> results, int exitCode) {
        return new DoctorJson(results.stream().map(CheckJson::of).toList(), exitCode);
    }
}
