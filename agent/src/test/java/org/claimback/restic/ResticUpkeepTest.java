package org.claimback.restic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.claimback.testing.ResticBinaries;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** forget (dry run and by id), prune, check, list locks and unlock, read from both restic versions. */
@Timeout(120)
@ExtendWith(ShowResticDetails.class)
class ResticUpkeepTest {
    @TempDir
    Path tmp;

    @ParameterizedTest(name = "{0}")
    @MethodSource("org.claimback.testing.ResticBinaries#all")
    void should_plan_forget_with_reasons_then_forget_by_id_prune_and_check(Path binary) throws Exception {
        Restic restic = new Restic(ResticBinaries.settings(binary, tmp));
        restic.init();
        Path volume = Files.createDirectories(tmp.resolve("vol"));
        for (int i = 0; i < 3; i++) {
            Files.writeString(volume.resolve("f" + i), "content " + i);
            restic.backup(new BackupRequest(volume, "h", List.of("claimback", "claim-key=a")), null);
        }
        restic.backup(new BackupRequest(volume, "h", List.of("claimback", "claim-key=b")), null);

        ForgetPlan plan = restic.forgetPlan("h", List.of("claimback", "claim-key=a"), List.of("--keep-last", "1"));

        assertEquals(1, plan.keep().size(), plan::toString);
        assertEquals(List.of("last snapshot"), plan.keep().get(0).reasons());
        assertEquals(2, plan.remove().size(), plan::toString);
        assertTrue(plan.remove().stream().allMatch(p -> p.snapshot().tags().contains("claim-key=a")));
        assertEquals(4, restic.snapshots(SnapshotFilter.tagged("claimback")).size(), "a dry run forgets nothing");

        restic.forget(plan.remove().stream().map(p -> p.snapshot().id()).toList());
        assertEquals(2, restic.snapshots(SnapshotFilter.tagged("claimback")).size());
        assertFalse(restic.prune().figures().isEmpty());
        CheckResult check = restic.check("1/1");
        assertTrue(check.clean(), check::toString);
        assertEquals(List.of(), restic.listLocks());
        restic.unlock();
    }

    @Test
    void should_refuse_a_forget_without_a_tag_filter() throws Exception {
        Restic restic = new Restic(ResticBinaries.settings(ResticBinaries.v018(), tmp));
        assertThrows(IllegalArgumentException.class, () -> restic.forgetPlan("h", List.of(), List.of("--keep-last", "1")));
    }

    @Test
    void should_count_error_lines_but_not_progress_or_advice_of_restic_check() {
        assertTrue(Restic.isCheckError("Pack ID does not match, want 1, got 2"));
        assertTrue(Restic.isCheckError("error for tree 4bba3d1e:"));
        assertFalse(Restic.isCheckError("Fatal: repository contains errors"));
        assertFalse(Restic.isCheckError("check snapshots, trees and blobs"));
        assertFalse(Restic.isCheckError("restic repair packs 73a8b394"));
        assertFalse(Restic.isCheckError("[0:00] 100.00%  6 / 6 packs"));
    }

    @Test
    void should_read_the_error_lines_of_check_json_as_their_messages() {
        assertEquals(List.of("pack 73a8 contains 2 errors: [blob bdae: ciphertext verification failed]"),
                ResticJson.readable("{\"message_type\":\"error\",\"message\":\"pack 73a8 contains 2 errors: [blob bdae: ciphertext verification failed]\\n\"}"));
        assertEquals(1, ResticJson.checkErrors(ResticJson.object(
                "{\"message_type\":\"summary\",\"num_errors\":1,\"broken_packs\":[\"73a8\"],\"suggest_repair_index\":false,\"suggest_prune\":false}")));
    }
}
