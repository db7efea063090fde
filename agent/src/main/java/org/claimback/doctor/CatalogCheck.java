package org.claimback.doctor;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.claimback.catalog.Catalog;

/**
 * {@code catalog}: an existing catalogue opens ({@link Catalog#openExisting}, which migrates it as
 * every command would); damaged, foreign or newer: FAIL with the catalogue's one line. A missing
 * one is OK: doctor does not create it, the first command does.
 */
final class CatalogCheck implements Check {
    static final String NAME = "catalog";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public List<String> needs() {
        return List.of(ConfigCheck.NAME);
    }

    @Override
    public CheckResult run(DoctorContext ctx) {
        Path file = ctx.requireConfig().catalog();
        if (!Files.exists(file)) {
            return CheckResult.ok(NAME, file + " does not exist yet: the first claimback command or the agent creates it");
        }
        try (Catalog catalog = Catalog.openExisting(file)) {
            int claims = catalog.claims().size();
            return CheckResult.ok(NAME, file + " opens: schema version " + catalog.schemaVersion() + ", " + claims
                    + " claim" + (claims == 1 ? "" : "s"));
        }
    }
}
