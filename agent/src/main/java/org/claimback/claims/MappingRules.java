package org.claimback.claims;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.claimback.catalog.Candidate;
import org.claimback.catalog.MappingRecord;
import org.claimback.discovery.ClaimName;
import org.claimback.discovery.DiscoveredVolume;

/**
 * Decides a volume's claim from what is known about its directory, strongest first:
 * <ol>
 *   <li>a manual mapping ({@code claimback claims map DIR NS/NAME}),</li>
 *   <li>the PV inventory of a live cluster (claimRef of the PV whose path is this directory),</li>
 *   <li>a remembered manual or inventory mapping (the cluster may be gone),</li>
 *   <li>the directory name, when it splits one way only,</li>
 *   <li>the directory name's candidate splits, when it splits several ways (ambiguous),</li>
 *   <li>nothing: the claim key is provisional (the PV name, or the directory).</li>
 * </ol>
 * A weaker source that disagrees with the chosen one is reported as a conflict, never silently
 * dropped. This class only decides; {@link ClaimSync} records.
 */
public final class MappingRules {
    private MappingRules() {}

    /** What the catalogue knows about one directory, gathered before deciding. */
    public record Evidence(
            DiscoveredVolume volume,
            Optional<ClaimName> manual,
            Optional<ClaimName> inventory,
            String inventorySource,
            List<MappingRecord> remembered) {}

    public static MappingDecision decide(Evidence e) {
        DiscoveredVolume v = e.volume();
        List<String> conflicts = new ArrayList<>();
        Optional<ClaimName> remembered = e.remembered().stream()
                .filter(m -> m.source().equals("manual") || m.source().equals("inventory"))
                .findFirst().map(m -> new ClaimName(m.namespace(), m.name()));
        if (e.manual().isPresent()) {
            ClaimName c = e.manual().get();
            e.inventory().filter(i -> !i.equals(c)).ifPresent(i -> conflicts.add("the PV inventory " + e.inventorySource()
                    + " says " + i + " but the manual mapping says " + c + " (the manual mapping wins)"));
            nameConflict(v, c).ifPresent(conflicts::add);
            return MappingDecision.exact(c.namespace(), c.name(), "manual", "mapped by hand", conflicts);
        }
        if (e.inventory().isPresent()) {
            ClaimName c = e.inventory().get();
            nameConflict(v, c).ifPresent(conflicts::add);
            return MappingDecision.exact(c.namespace(), c.name(), "inventory", "claimRef in " + e.inventorySource(), conflicts);
        }
        if (remembered.isPresent()) {
            ClaimName c = remembered.get();
            nameConflict(v, c).ifPresent(conflicts::add);
            String source = e.remembered().get(0).source();
            return MappingDecision.exact(c.namespace(), c.name(), source,
                    "remembered from " + source + " (" + e.remembered().get(0).detail() + ")", conflicts);
        }
        if (v.claim() != null) {
            return MappingDecision.exact(v.claim().namespace(), v.claim().name(), "name", "the directory name splits one way", conflicts);
        }
        if (v.claimKey() != null) {
            List<Candidate> candidates = v.candidates().stream().map(c -> new Candidate(c.namespace(), c.name())).toList();
            return new MappingDecision(v.claimKey(), null, null, "name", candidates,
                    "the directory name splits " + candidates.size() + " ways: settle it with `namespaces:` in the config,"
                            + " a PV inventory, or `claimback claims map`", conflicts);
        }
        String key = v.pvName() != null ? v.pvName() : v.exportRoot().relativize(v.path()).toString();
        return new MappingDecision(key, null, null, "none", List.of(),
                "the directory name does not tell the claim: import a PV inventory or map it with `claimback claims map`", conflicts);
    }

    /** A name that splits one way into another claim than the one chosen is worth a warning. */
    private static Optional<String> nameConflict(DiscoveredVolume v, ClaimName chosen) {
        if (v.claimKey() != null && !v.claimKey().equals(chosen.key())) {
            return Optional.of("the directory name " + v.path().getFileName() + " reads as claim key " + v.claimKey()
                    + " but the volume is mapped to " + chosen);
        }
        return Optional.empty();
    }
}
