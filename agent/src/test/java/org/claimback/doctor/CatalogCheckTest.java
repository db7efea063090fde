package org.claimback.doctor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.claimback.catalog.Catalog;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CatalogCheckTest {
    @TempDir
    Path tmp;

    @Test
    void should_accept_a_missing_catalogue_and_not_create_it() throws Exception {
        DoctorSetup doctor = DoctorSetup.create(tmp, Path.of("/usr/bin/restic"));

        CheckResult result = doctor.run(new CatalogCheck());

        assertEquals(CheckResult.ok("catalog", doctor.setup().catalog()
                + " does not exist yet: the first claimback command or the agent creates it"), result);
        assertTrue(Files.notExists(doctor.setup().catalog()));
    }

    @Test
    void should_open_an_existing_catalogue_and_count_its_claims() throws Exception {
        DoctorSetup doctor = DoctorSetup.create(tmp, Path.of("/usr/bin/restic"));
        try (Catalog catalog = Catalog.open(doctor.setup().catalog())) {
            catalog.upsertClaim("default-data", "default", "data", "name", List.of(), Instant.now());
        }

        CheckResult result = doctor.run(new CatalogCheck());

        assertEquals(Status.OK, result.status(), result::toString);
        assertTrue(result.detail().matches(".* opens: schema version \\d+, 1 claim"), result::toString);
    }

    @Test
    void should_fail_on_a_damaged_catalogue_with_its_message() throws Exception {
        DoctorSetup doctor = DoctorSetup.create(tmp, Path.of("/usr/bin/restic"));
        Files.createDirectories(doctor.setup().catalog().getParent());
        Files.writeString(doctor.setup().catalog(), "this is not a SQLite database, just text that is long enough ".repeat(40));

        CheckResult result = doctor.run(new CatalogCheck());

        assertEquals(Status.FAIL, result.status(), result::toString);
        assertTrue(result.detail().contains(doctor.setup().catalog().toString()), result::toString);
        assertTrue(!result.detail().startsWith("unexpected"), result::toString);
    }
}
