package org.claimback.discovery;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The Kubernetes name rules discovery needs: namespaces (DNS-1123 labels), claim and PV names
 * (DNS-1123 subdomains), provisioned PV names ({@code pvc-<uuid>}), and the candidate splits of a
 * claim key into namespace and claim name.
 */
public final class KubernetesNames {

    /** The longest namespace (a DNS-1123 label). */
    public static final int NAMESPACE_MAX = 63;
    /** The longest claim or PV name (a DNS-1123 subdomain). */
    public static final int NAME_MAX = 253;
    /** The longest claim key: a namespace, '-', a claim name. */
    public static final int CLAIM_KEY_MAX = NAMESPACE_MAX + 1 + NAME_MAX;

    static final String PV_PREFIX = "pvc-";
    static final int UUID_LENGTH = 36;
    /** {@code pvc-} and a UUID. */
    static final int PROVISIONED_PV_LENGTH = PV_PREFIX.length() + UUID_LENGTH;

    private KubernetesNames() {
    }

    /** Whether {@code s} is a valid namespace: a DNS-1123 label of at most 63 characters. */
    public static boolean isNamespace(String s) {
        return s != null && labelProblem(s, "namespace") == null;
    }

    /** Whether {@code s} is a valid claim (PVC) name: a DNS-1123 subdomain of at most 253 characters. */
    public static boolean isPvcName(String s) {
        return s != null && subdomainProblem(s, "claim name") == null;
    }

    /** Whether {@code s} is a valid PV name (any, static ones included): a DNS-1123 subdomain. */
    public static boolean isPvName(String s) {
        return s != null && subdomainProblem(s, "PV name") == null;
    }

    /** Whether {@code s} is a dynamically provisioned PV name: {@code pvc-} and a lowercase UUID. */
    public static boolean isProvisionedPvName(String s) {
        return s != null
                && s.length() == PROVISIONED_PV_LENGTH
                && s.startsWith(PV_PREFIX)
                && isUuidAt(s, PV_PREFIX.length());
    }

    /** What is wrong with {@code s} as a namespace, in words a person can act on; empty if nothing. */
    public static Optional<String> namespaceProblem(String s) {
        return Optional.ofNullable(s == null ? "namespace is missing" : labelProblem(s, "namespace"));
    }

    /** What is wrong with {@code s} as a claim name, in words a person can act on; empty if nothing. */
    public static Optional<String> claimNameProblem(String s) {
        return Optional.ofNullable(s == null ? "claim name is missing" : subdomainProblem(s, "claim name"));
    }

    /**
     * Every way to read a claim key as namespace-name: each '-' before the first '.' (namespaces
     * have no dots) whose left part is a valid namespace and right part a valid claim name. In
     * order of the split position, shortest namespace first.
     */
    public static List<ClaimName> splits(String claimKey) {
        Objects.requireNonNull(claimKey, "claimKey");
        int firstDot = claimKey.indexOf('.');
        int end = Math.min(firstDot < 0 ? claimKey.length() : firstDot, NAMESPACE_MAX + 1);
        List<ClaimName> out = new ArrayList<>(2);
        for (int dash = claimKey.indexOf('-'); dash >= 0 && dash < end; dash = claimKey.indexOf('-', dash + 1)) {
            String namespace = claimKey.substring(0, dash);
            String name = claimKey.substring(dash + 1);
            if (isNamespace(namespace) && isPvcName(name)) {
                out.add(new ClaimName(namespace, name));
            }
        }
        return List.copyOf(out);
    }

    /**
     * {@link #splits(String)} narrowed to the known namespaces: when {@code knownNamespaces} is not
     * empty, only candidates whose namespace is in it remain (possibly none).
     */
    public static List<ClaimName> splits(String claimKey, Set<String> knownNamespaces) {
        List<ClaimName> all = splits(claimKey);
        if (knownNamespaces.isEmpty()) {
            return all;
        }
        return all.stream().filter(c -> knownNamespaces.contains(c.namespace())).toList();
    }

    /**
     * A copy of the namespaces a user says exist.
     *
     * @throws IllegalArgumentException with a one-line message naming the first invalid one
     */
    static Set<String> requireNamespaces(Set<String> namespaces) {
        for (String ns : namespaces) {
            namespaceProblem(ns).ifPresent(problem -> {
                throw new IllegalArgumentException(Quoting.quote(String.valueOf(ns)) + ": " + problem);
            });
        }
        return Set.copyOf(namespaces);
    }

    /** Whether a lowercase 8-4-4-4-12 hex UUID starts at {@code from} and runs to the end of {@code s}. */
    static boolean isUuidAt(String s, int from) {
        if (s.length() - from != UUID_LENGTH) {
            return false;
        }
        for (int i = 0; i < UUID_LENGTH; i++) {
            char c = s.charAt(from + i);
            boolean dashHere = i == 8 || i == 13 || i == 18 || i == 23;
            if (dashHere ? c != '-' : !((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) {
                return false;
            }
        }
        return true;
    }

    private static String labelProblem(String s, String what) {
        if (s.isEmpty()) {
            return what + " is empty";
        }
        if (s.length() > NAMESPACE_MAX) {
            return what + " is longer than " + NAMESPACE_MAX + " characters";
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (!isLowerAlnum(c) && c != '-') {
                return what + " must be lowercase letters, digits and '-' (a DNS-1123 label)";
            }
        }
        if (!isLowerAlnum(s.charAt(0)) || !isLowerAlnum(s.charAt(s.length() - 1))) {
            return what + " must start and end with a letter or digit";
        }
        return null;
    }

    private static String subdomainProblem(String s, String what) {
        if (s.isEmpty()) {
            return what + " is empty";
        }
        if (s.length() > NAME_MAX) {
            return what + " is longer than " + NAME_MAX + " characters";
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (!isLowerAlnum(c) && c != '-' && c != '.') {
                return what + " must be lowercase letters, digits, '-' and '.' (a DNS-1123 subdomain)";
            }
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            boolean partStart = i == 0 || s.charAt(i - 1) == '.';
            boolean partEnd = i == s.length() - 1 || s.charAt(i + 1) == '.';
            if ((partStart || partEnd) && !isLowerAlnum(c)) {
                return what + " must start and end with a letter or digit, also next to each '.'";
            }
        }
        return null;
    }

    private static boolean isLowerAlnum(char c) {
        return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
    }
}
