package org.claimback.catalog;

import static org.claimback.catalog.Fixtures.T0;
import static org.claimback.catalog.Fixtures.claim;
import static org.claimback.catalog.Fixtures.sql;
import static org.claimback.catalog.Fixtures.sqlText;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MigrationsTest {

    @TempDir
    Path dir;

    @Test
    void should_apply_every_migration_and_set_user_version() throws Exception {
        Path file = dir.resolve("catalog.db");
        try (Catalog catalog = Catalog.open(file)) {
            assertEquals(Migrations.latest(), catalog.schemaVersion());
        }
        assertEquals(String.valueOf(Migrations.latest()), sqlText(file, "PRAGMA user_version"));
        assertEquals(String.valueOf(Migrations.APPLICATION_ID), sqlText(file, "PRAGMA application_id"));
        for (String table : List.of("claims", "claim_candidates", "volumes", "runs", "snapshots", "inventory_pvs",
                "mappings")) {
            assertEquals(table, sqlText(file, "SELECT name FROM sqlite_schema WHERE type = 'table' AND name = '" + table + "'"));
        }
        for (String index : List.of("snapshots_by_claim", "runs_by_claim", "runs_by_state", "volumes_by_claim",
                "volumes_one_current_per_claim", "inventory_pvs_by_local_path", "mappings_by_path")) {
            assertEquals(index, sqlText(file, "SELECT name FROM sqlite_schema WHERE type = 'index' AND name = '" + index + "'"));
        }
    }

    @Test
    void should_not_reapply_migrations_when_a_catalogue_is_reopened() throws Exception {
        Path file = dir.resolve("catalog.db");
        try (Catalog catalog = Catalog.open(file)) {
            claim(catalog, "default", "data");
        }
        String schema = sqlText(file, "SELECT group_concat(sql, ';') FROM sqlite_schema");
        try (Catalog catalog = Catalog.open(file)) {
            assertEquals(Migrations.latest(), catalog.schemaVersion());
            assertEquals(1, catalog.claims().size());
        }
        assertEquals(schema, sqlText(file, "SELECT group_concat(sql, ';') FROM sqlite_schema"));
    }

    @Test
    void should_list_every_migration_file_in_order() throws Exception {
        Path directory = Path.of(Migrations.class.getResource("migrations").toURI());
        List<String> files;
        try (var list = Files.list(directory)) {
            files = list.map(p -> p.getFileName().toString()).sorted().toList();
        }
        assertEquals(files, Migrations.FILES, "every file in migrations/ must be listed in Migrations.FILES");
        IntStream.rangeClosed(1, Migrations.latest()).forEach(v -> assertFalse(Migrations.sql(v).isBlank()));
    }

    @Test
    void should_refuse_a_catalogue_newer_than_this_claimback_and_leave_it_unchanged() throws Exception {
        Path file = dir.resolve("catalog.db");
        Catalog.open(file).close();
        int newer = Migrations.latest() + 1;
        sql(file, "PRAGMA user_version = " + newer);
        byte[] before = Files.readAllBytes(file);

        CatalogException e = assertThrows(CatalogException.class, () -> Catalog.open(file));

        assertEquals("catalogue " + file + " has schema version " + newer + ", newer than this claimback ("
                + Migrations.latest() + "): upgrade claimback", e.getMessage());
        assertArrayEquals(before, Files.readAllBytes(file));
    }

    @Test
    void should_apply_the_migrations_once_when_two_catalogues_open_a_new_file() throws Exception {
        Path file = dir.resolve("catalog.db");
        try (Catalog first = Catalog.open(file); Catalog second = Catalog.open(file)) {
            first.upsertClaim("default-data", null, null, "name", List.of(), T0);
            assertEquals(1, second.claims().size());
            assertEquals(Migrations.latest(), second.schemaVersion());
        }
    }
}
