package org.claimback.discovery;

import java.util.Objects;

/**
 * A claim: the namespace and name of a PersistentVolumeClaim, both valid Kubernetes names.
 * {@link #toString()} is {@code namespace/name}; {@link #key()} is what nfs-subdir writes before
 * {@code -pvc-<uuid>}.
 */
public record ClaimName(String namespace, String name) {

    /** @throws IllegalArgumentException with a one-line message if either part is invalid */
    public ClaimName {
        Objects.requireNonNull(namespace, "namespace");
        Objects.requireNonNull(name, "name");
        String problem = KubernetesNames.namespaceProblem(namespace)
                .or(() -> KubernetesNames.claimNameProblem(name))
                .orElse(null);
        if (problem != null) {
            throw new IllegalArgumentException(Quoting.quote(namespace + "/" + name) + ": " + problem);
        }
    }

    /**
     * Reads {@code namespace/name}.
     *
     * @throws IllegalArgumentException with a one-line message saying what is wrong
     */
    public static ClaimName parse(String text) {
        Objects.requireNonNull(text, "text");
        int slash = text.indexOf('/');
        if (slash < 0 || slash != text.lastIndexOf('/')) {
            throw new IllegalArgumentException(Quoting.quote(text) + ": a claim is namespace/name, with one '/'");
        }
        return new ClaimName(text.substring(0, slash), text.substring(slash + 1));
    }

    /** The claim key: {@code namespace-name}. */
    public String key() {
        return namespace + "-" + name;
    }

    @Override
    public String toString() {
        return namespace + "/" + name;
    }
}
