package org.claimback.discovery;

import static org.claimback.discovery.ExportTree.UUID;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class KubernetesNamesTest {

    @ParameterizedTest
    @ValueSource(strings = {"default", "kube-system", "a", "0", "ns1", "a--b", "team-a-2"})
    void should_accept_dns1123_labels_as_namespaces(String namespace) {
        assertTrue(KubernetesNames.isNamespace(namespace));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "Default", "kube_system", "kube.system", "-default", "default-", "dé", "a b", "a/b"})
    void should_reject_namespaces_that_are_no_dns1123_label(String namespace) {
        assertFalse(KubernetesNames.isNamespace(namespace));
    }

    @Test
    void should_accept_a_63_character_namespace_and_reject_64() {
        assertTrue(KubernetesNames.isNamespace("a".repeat(63)));
        assertFalse(KubernetesNames.isNamespace("a".repeat(64)));
        assertEquals(Optional.of("namespace is longer than 63 characters"),
                KubernetesNames.namespaceProblem("a".repeat(64)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"data", "data-postgres-0", "data.v1", "a.b-c.d", "0", "www.example.com", "a--b"})
    void should_accept_dns1123_subdomains_as_claim_names(String name) {
        assertTrue(KubernetesNames.isPvcName(name));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "Data", "data_1", "data.", ".data", "data..v1", "data.-v1", "data-.v1", "-data", "data-"})
    void should_reject_claim_names_that_are_no_dns1123_subdomain(String name) {
        assertFalse(KubernetesNames.isPvcName(name));
    }

    @Test
    void should_accept_a_253_character_claim_name_and_reject_254() {
        assertTrue(KubernetesNames.isPvcName("n".repeat(253)));
        assertTrue(KubernetesNames.isPvcName("a".repeat(100) + "." + "b".repeat(152)));
        assertFalse(KubernetesNames.isPvcName("n".repeat(254)));
    }

    @Test
    void should_say_what_is_wrong_with_a_name() {
        assertEquals(Optional.empty(), KubernetesNames.namespaceProblem("default"));
        assertEquals(Optional.of("namespace is empty"), KubernetesNames.namespaceProblem(""));
        assertEquals(Optional.of("namespace must be lowercase letters, digits and '-' (a DNS-1123 label)"),
                KubernetesNames.namespaceProblem("kube.system"));
        assertEquals(Optional.of("namespace must start and end with a letter or digit"),
                KubernetesNames.namespaceProblem("default-"));
        assertEquals(Optional.of("claim name must be lowercase letters, digits, '-' and '.' (a DNS-1123 subdomain)"),
                KubernetesNames.claimNameProblem("Data"));
        assertEquals(Optional.of("claim name must start and end with a letter or digit, also next to each '.'"),
                KubernetesNames.claimNameProblem("data.-v1"));
        assertEquals(Optional.of("claim name is longer than 253 characters"),
                KubernetesNames.claimNameProblem("n".repeat(254)));
    }

    @Test
    void should_accept_static_pv_names_and_recognise_provisioned_ones() {
        assertTrue(KubernetesNames.isPvName("postgres-restored"));
        assertTrue(KubernetesNames.isPvName("pvc-" + UUID));
        assertTrue(KubernetesNames.isProvisionedPvName("pvc-" + UUID));
        assertFalse(KubernetesNames.isProvisionedPvName("postgres-restored"));
        assertFalse(KubernetesNames.isProvisionedPvName("pvc-" + UUID.toUpperCase()));
        assertFalse(KubernetesNames.isProvisionedPvName("pvc-" + UUID.substring(1)));
        assertFalse(KubernetesNames.isProvisionedPvName("pvc-" + UUID.replace("-", "")));
        assertFalse(KubernetesNames.isProvisionedPvName(UUID));
        assertFalse(KubernetesNames.isPvName("PV-1"));
    }

    @Test
    void should_split_default_test_claim_two_ways() {
        assertEquals(List.of(new ClaimName("default", "test-claim"), new ClaimName("default-test", "claim")),
                KubernetesNames.splits("default-test-claim"));
    }

    @Test
    void should_split_a_statefulset_claim_three_ways() {
        assertEquals(List.of(new ClaimName("default", "data-postgres-0"), new ClaimName("default-data", "postgres-0"),
                        new ClaimName("default-data-postgres", "0")),
                KubernetesNames.splits("default-data-postgres-0"));
    }

    @Test
    void should_split_only_before_the_first_dot() {
        assertEquals(List.of(new ClaimName("team", "a-cache.redis-primary"), new ClaimName("team-a", "cache.redis-primary")),
                KubernetesNames.splits("team-a-cache.redis-primary"));
        assertEquals(List.of(), KubernetesNames.splits("default.x-data"));
    }

    @Test
    void should_not_split_a_key_without_a_valid_namespace_and_name() {
        assertEquals(List.of(), KubernetesNames.splits("data"));
        assertEquals(List.of(), KubernetesNames.splits(""));
        assertEquals(List.of(), KubernetesNames.splits("-data"));
        assertEquals(List.of(), KubernetesNames.splits("default-"));
        assertEquals(List.of(), KubernetesNames.splits("Default-data"));
        assertEquals(List.of(), KubernetesNames.splits("a".repeat(64) + "-data"));
        assertEquals(List.of(), KubernetesNames.splits("default-" + "n".repeat(254)));
    }

    @Test
    void should_split_the_longest_claim_key() {
        String key = "a".repeat(63) + "-" + "n".repeat(253);

        assertEquals(KubernetesNames.CLAIM_KEY_MAX, key.length());
        assertEquals(List.of(new ClaimName("a".repeat(63), "n".repeat(253))), KubernetesNames.splits(key));
    }

    @Test
    void should_narrow_splits_to_known_namespaces() {
        assertEquals(List.of(new ClaimName("default-test", "claim")),
                KubernetesNames.splits("default-test-claim", Set.of("default-test", "kube-system")));
        assertEquals(List.of(), KubernetesNames.splits("default-test-claim", Set.of("monitoring")));
        assertEquals(2, KubernetesNames.splits("default-test-claim", Set.of()).size());
    }
}
