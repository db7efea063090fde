package org.claimback.claims;

import java.util.List;
import org.claimback.catalog.Candidate;

/**
 * Which claim a volume belongs to, and why. {@code namespace}/{@code name} are set when the claim
 * is known; otherwise {@code candidates} holds the possible splits of {@code claimKey} (ambiguous)
 * or is empty (nothing tells: the claim key is provisional, the PV name or the directory).
 * {@code mappedBy} is {@code manual}, {@code inventory}, {@code name} or {@code none};
 * {@code reason} is one line a person can read; {@code conflicts} lists sources that disagreed.
 */
public record MappingDecision(
        String claimKey,
        String namespace,
        String name,
        String mappedBy,
        List<Candidate> candidates,
        String reason,
        List<String> conflicts) {

    public boolean resolved() {
        return namespace != null;
    }

    static MappingDecision exact(String namespace, String name, String mappedBy, String reason, List<String> conflicts) {
        return new MappingDecision(namespace + "-" + name, namespace, name, mappedBy, List.of(), reason, conflicts);
    }
}
