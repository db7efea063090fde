package org.claimback.doctor;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.claimback.config.Config;
import org.claimback.exports.ExportEntry;

/**
 * {@code export-root}, for one configured root: it exists, is a directory and can be read (else
 * FAIL), and it is exported, itself or under an exported path (else WARN: it may not be the
 * directory the provisioner uses). Compared after resolving symlinks, as exportfs does.
 */
final class ExportRootCheck implements Check {
    static final String NAME = "export-root";
    private static final int CLIENTS_SHOWN = 60;

    private final Path root;

    /** @param root the configured root; {@code null} only for the placeholder skipped without a config */
    ExportRootCheck(Path root) {
        this.root = root;
    }

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
        if (root == null) {
            return CheckResult.fail(NAME, "no export root to check");
        }
        if (!Files.exists(root)) {
            return CheckResult.fail(NAME, root + " does not exist: create it, or fix exports[].path in " + config.file());
        }
        if (!Files.isDirectory(root)) {
            return CheckResult.fail(NAME, root + " is not a directory: fix exports[].path in " + config.file());
        }
        if (!Files.isReadable(root) || !Files.isExecutable(root)) {
            return CheckResult.fail(NAME, root + " cannot be read: run claimback as root");
        }
        Optional<ExportEntry> covering = ExportPaths.covering(ctx.exports(), root);
        if (covering.isEmpty()) {
            return CheckResult.warn(NAME, root + " is not in " + ctx.etcExports() + " (nor " + ctx.exportsD()
                    + ", nor under an exported path): is this the directory the provisioner uses?");
        }
        ExportEntry entry = covering.get();
        String clients = entry.clientsText();
        if (clients.length() > CLIENTS_SHOWN) {
            clients = clients.substring(0, CLIENTS_SHOWN - 3) + "...";
        }
        if (ExportPaths.real(entry.path()).equals(ExportPaths.real(root))) {
            return CheckResult.ok(NAME, root + " is exported in " + entry.where() + " to " + clients);
        }
        return CheckResult.ok(NAME, root + " lies under " + entry.path() + ", exported in " + entry.where() + " to " + clients);
    }
}
