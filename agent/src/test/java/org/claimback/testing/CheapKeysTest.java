package org.claimback.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.claimback.restic.Restic;
import org.claimback.restic.ResticException;
import org.claimback.restic.ResticSettings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CheapKeysTest {
    @TempDir
    Path tmp;

    @Test
    void a_weakened_key_opens_the_same_repository_for_both_restic_versions_and_a_wrong_password_still_fails() throws Exception {
        ResticSettings made = ResticBinaries.newRepository(ResticBinaries.v014(), tmp.resolve("a"));
        Path repo = Path.of(made.repository());
        byte[] configBefore = Files.readAllBytes(repo.resolve("config"));

        CheapKeys.weaken(repo, ResticBinaries.PASSWORD);

        List<Path> keys;
        try (var files = Files.list(repo.resolve("keys"))) {
            keys = files.toList();
        }
        assertEquals(1, keys.size());
        assertEquals(1024, new ObjectMapper().readTree(keys.get(0).toFile()).get("N").asInt());
        org.junit.jupiter.api.Assertions.assertArrayEquals(configBefore, Files.readAllBytes(repo.resolve("config")));
        for (Path binary : ResticBinaries.all()) {
            Restic restic = new Restic(made.withBinary(binary));
            assertTrue(restic.repositoryExists(), "restic " + binary + " opens the weakened repository");
        }
        Path wrong = tmp.resolve("wrong");
        Files.writeString(wrong, "not the password\n");
        Restic wrongRestic = new Restic(new ResticSettings(ResticBinaries.v018(), made.repository(), wrong, null, made.cacheDir()));
        ResticException e = org.junit.jupiter.api.Assertions.assertThrows(ResticException.class, wrongRestic::repositoryExists);
        assertEquals(ResticException.Kind.WRONG_PASSWORD, e.kind());
    }
}
