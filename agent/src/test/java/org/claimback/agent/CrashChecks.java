package org.claimback.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.claimback.catalog.Catalog;
import org.claimback.catalog.SnapshotRecord;
import org.claimback.testing.TestSetup;

/** What must hold after a crash: the catalogue and the repository agree. */
final class CrashChecks {
    private CrashChecks() {}

    static boolean hasFiles(Path dir) {
        try (var files = Files.list(dir)) {
            return files.findAny().isPresent();
        } catch (java.io.IOException e) {
            return false;
        }
    }

    static final Pattern ID = Pattern.compile("\"id\":\"([0-9a-f]{64})\"");

    static Set<String> claimSnapshotIds(TestSetup setup, Path restic) throws Exception {
        AgentProcess.PlainResult list = AgentProcess.plainRestic(setup, restic, "snapshots", "--json", "--tag", "claimback");
        assertEquals(0, list.exitCode(), list::toString);
        Matcher m = ID.matcher(list.output());
        java.util.Set<String> ids = new java.util.HashSet<>();
        while (m.find()) {
            ids.add(m.group(1));
        }
        return ids;
    }

    /** Every snapshot in the catalogue is in the repository, and every claim snapshot of the repository is in the catalogue. */
    static void assertCatalogueMatchesRepository(TestSetup setup, Path restic) throws Exception {
        Set<String> inRepository = claimSnapshotIds(setup, restic);
        List<SnapshotRecord> inCatalogue;
        try (Catalog catalog = Catalog.open(setup.catalog())) {
            inCatalogue = catalog.snapshots();
        }
        for (SnapshotRecord snapshot : inCatalogue) {
            assertTrue(inRepository.stream().anyMatch(id -> id.startsWith(snapshot.resticId())),
                    "catalogue snapshot " + snapshot.resticId() + " is not in the repository " + inRepository);
        }
        Set<String> catalogued = inCatalogue.stream().map(SnapshotRecord::resticId).collect(Collectors.toSet());
        for (String id : inRepository) {
            assertTrue(catalogued.stream().anyMatch(id::startsWith), "repository snapshot " + id + " is not in the catalogue");
        }
    }
}
