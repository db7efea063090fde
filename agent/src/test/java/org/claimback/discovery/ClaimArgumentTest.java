package org.claimback.discovery;

import static org.claimback.discovery.ExportTree.UUID;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ClaimArgumentTest {

    private static String failureOf(String text) {
        return assertThrows(IllegalArgumentException.class, () -> ClaimArgument.parse(text)).getMessage();
    }

    private static DiscoveredVolume volume(String claimKey, String pvName) {
        Path root = Path.of("/srv/nfs/k8s");
        List<ClaimName> candidates = KubernetesNames.splits(claimKey);
        return new DiscoveredVolume(root, root.resolve(claimKey + "-" + pvName), "nfs-subdir", claimKey, pvName,
                VolumeState.LIVE, candidates.size() == 1 ? candidates.get(0) : null, candidates);
    }

    @Test
    void should_read_namespace_slash_name_as_a_claim_name() {
        ClaimArgument argument = ClaimArgument.parse("default/data-postgres-0");

        assertEquals(ClaimArgument.Kind.NAME, argument.kind());
        assertEquals(new ClaimName("default", "data-postgres-0"), argument.claim());
        assertEquals("default-data-postgres-0", argument.claimKey());
        assertNull(argument.pvName());
        assertEquals("default/data-postgres-0", argument.toString());
    }

    @ParameterizedTest
    @ValueSource(strings = {"default-data-postgres-0", "default-test-claim", "kube-system-data.v1", "data"})
    void should_read_a_lowercase_word_with_dashes_as_a_claim_key(String text) {
        ClaimArgument argument = ClaimArgument.parse(text);

        assertEquals(ClaimArgument.Kind.KEY, argument.kind());
        assertEquals(text, argument.claimKey());
        assertNull(argument.claim());
        assertNull(argument.pvName());
    }

    @Test
    void should_read_pvc_uuid_as_a_pv_name() {
        ClaimArgument argument = ClaimArgument.parse("pvc-" + UUID);

        assertEquals(ClaimArgument.Kind.PV, argument.kind());
        assertEquals("pvc-" + UUID, argument.pvName());
        assertNull(argument.claimKey());
        assertNull(argument.claim());
    }

    @Test
    void should_say_in_one_line_what_a_claim_looks_like() {
        assertEquals("\"Foo Bar\" is not a claim: use namespace/name, a claim key like default-data-postgres-0,"
                + " or a PV name pvc-<uuid>", failureOf("Foo Bar"));
        assertEquals("\"\" is not a claim: use namespace/name, a claim key like default-data-postgres-0,"
                + " or a PV name pvc-<uuid>", failureOf(""));
        assertEquals("\"-data\" is not a claim: use namespace/name, a claim key like default-data-postgres-0,"
                + " or a PV name pvc-<uuid>", failureOf("-data"));
    }

    @Test
    void should_check_namespace_slash_name_like_a_claim_name() {
        assertEquals("\"Default/x\": namespace must be lowercase letters, digits and '-' (a DNS-1123 label)",
                failureOf("Default/x"));
    }

    @Test
    void should_accept_the_longest_claim_key_and_refuse_a_longer_one() {
        String longest = "a".repeat(63) + "-" + "n".repeat(253);

        assertEquals(ClaimArgument.Kind.KEY, ClaimArgument.parse(longest).kind());
        assertTrue(failureOf(longest + "n").endsWith("is not a claim: a claim key has at most 317 characters"));
    }

    @Test
    void should_read_an_uppercase_pv_name_as_no_claim() {
        assertTrue(failureOf("pvc-" + UUID.toUpperCase()).contains("is not a claim"));
    }

    @Test
    void should_match_every_volume_with_the_same_claim_key() {
        DiscoveredVolume first = volume("default-test-claim", "pvc-" + UUID);
        DiscoveredVolume other = volume("default-test", "pvc-" + ExportTree.UUID2);

        assertTrue(ClaimArgument.parse("default/test-claim").matches(first));
        assertTrue(ClaimArgument.parse("default-test/claim").matches(first));
        assertTrue(ClaimArgument.parse("default-test-claim").matches(first));
        assertFalse(ClaimArgument.parse("default-test-claim").matches(other));
        assertTrue(ClaimArgument.parse("pvc-" + UUID).matches(first));
        assertFalse(ClaimArgument.parse("pvc-" + UUID).matches(other));
    }
}
