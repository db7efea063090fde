package org.claimback.catalog;

import java.util.Objects;

/** One possible namespace/name split of an ambiguous claim key. */
public record Candidate(String namespace, String name) {

    public Candidate {
        Objects.requireNonNull(namespace, "namespace");
        Objects.requireNonNull(name, "name");
    }

    @Override
    public String toString() {
        return namespace + "/" + name;
    }
}
