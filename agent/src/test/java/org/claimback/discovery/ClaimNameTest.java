package org.claimback.discovery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class ClaimNameTest {

    private static String failureOf(String text) {
        return assertThrows(IllegalArgumentException.class, () -> ClaimName.parse(text)).getMessage();
    }

    @Test
    void should_parse_namespace_slash_name() {
        ClaimName claim = ClaimName.parse("databases/data-postgres-0");

        assertEquals("databases", claim.namespace());
        assertEquals("data-postgres-0", claim.name());
    }

    @Test
    void should_write_the_claim_key_and_namespace_slash_name() {
        ClaimName claim = new ClaimName("kube-system", "data.v1");

        assertEquals("kube-system-data.v1", claim.key());
        assertEquals("kube-system/data.v1", claim.toString());
        assertEquals(claim, ClaimName.parse(claim.toString()));
    }

    @Test
    void should_say_in_one_line_that_an_uppercase_namespace_is_wrong() {
        assertEquals("\"Default/x\": namespace must be lowercase letters, digits and '-' (a DNS-1123 label)",
                failureOf("Default/x"));
    }

    @Test
    void should_say_in_one_line_what_is_wrong_with_the_name() {
        assertEquals("\"default/Data\": claim name must be lowercase letters, digits, '-' and '.' (a DNS-1123 subdomain)",
                failureOf("default/Data"));
        assertEquals("\"default/\": claim name is empty", failureOf("default/"));
        assertEquals("\"/data\": namespace is empty", failureOf("/data"));
    }

    @Test
    void should_need_exactly_one_slash() {
        assertEquals("\"default-data\": a claim is namespace/name, with one '/'", failureOf("default-data"));
        assertEquals("\"a/b/c\": a claim is namespace/name, with one '/'", failureOf("a/b/c"));
    }

    @Test
    void should_escape_control_characters_so_the_message_stays_one_line() {
        String message = failureOf("default/da\nta\u001b[31m");

        assertFalse(message.contains("\n") || message.contains("\u001b"), message);
        assertEquals("\"default/da\\u000ata\\u001b[31m\": claim name must be lowercase letters, digits, '-' and '.'"
                + " (a DNS-1123 subdomain)", message);
    }

    @Test
    void should_refuse_an_invalid_claim_built_directly() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new ClaimName("kube.system", "data"));

        assertEquals("\"kube.system/data\": namespace must be lowercase letters, digits and '-' (a DNS-1123 label)",
                e.getMessage());
    }
}
