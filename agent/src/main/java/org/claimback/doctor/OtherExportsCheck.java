package org.claimback.doctor;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.claimback.config.Config;
import org.claimback.exports.ExportEntry;

/**
 * {@code other-exports}: exported paths claimback is not told about. A path counts when it is
 * no configured root and lies under none (compared with symlinks resolved); the NFSv4 pseudo-root
 * ({@code fsid=0}) and a parent of a configured root only count when PV directories lie right in
 * them. WARN naming each with where it is exported and how many PV directories it holds; OK when
 * there are none.
 */
final class OtherExportsCheck implements Check {
    static final String NAME = "other-exports";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public List<String> needs() {
        return List.of(ConfigCheck.NAME);
    }

    @Override
    public CheckResult run(DoctorContext ctx) {
        Config config = ctx.requireConfig();
        List<Path> roots = config.exports().stream().map(e -> ExportPaths.real(e.path())).toList();
        Map<Path, ExportEntry> byPath = new LinkedHashMap<>();
        for (ExportEntry entry : ctx.exports().entries()) {
            byPath.merge(ExportPaths.real(entry.path()), entry, (a, b) -> a.isPseudoRoot() ? a : b.isPseudoRoot() ? b : a);
        }
        List<String> unlisted = new ArrayList<>();
        List<String> leftOut = new ArrayList<>();
        for (Map.Entry<Path, ExportEntry> e : byPath.entrySet()) {
            Path exported = e.getKey();
            if (roots.stream().anyMatch(exported::startsWith)) {
                continue; // a configured root, or inside one
            }
            boolean aroundRoot = roots.stream().anyMatch(root -> root.startsWith(exported));
            int pvs = ExportPaths.pvDirectories(exported);
            if ((aroundRoot || e.getValue().isPseudoRoot()) && pvs == 0) {
                leftOut.add(e.getValue().path().toString());
                continue;
            }
            unlisted.add(e.getValue().path() + " (" + e.getValue().where() + ", " + (pvs == 0 ? "no" : pvs) + " PV director"
                    + (pvs == 1 ? "y" : "ies") + ")");
        }
        if (unlisted.isEmpty()) {
            return CheckResult.ok(NAME, "nothing exported besides the configured export roots" + (leftOut.isEmpty() ? ""
                    : " and " + String.join(", ", leftOut) + " (no PV directories right in "
                            + (leftOut.size() == 1 ? "it" : "them") + ")"));
        }
        return CheckResult.warn(NAME, "exported but not in the config: " + String.join("; ", unlisted)
                + ": if the provisioner creates PV directories there, add `- path: DIR` under `exports:` in " + config.file());
    }
}
