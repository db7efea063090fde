package org.claimback.runbook;

import org.claimback.config.Config;
import org.claimback.config.ExportConfig;
import org.claimback.restic.Restic;

/** "Rebuild the server" and "Restore everything": the steps before and around the per-claim pages. */
final class RebuildSection {
    private RebuildSection() {}

    static void rebuild(Config config, StringBuilder md) {
        String exportRoot = config.exports().get(0).path().toString();
        String password = config.passwordFile().toString();
        md.append("## 1. Rebuild the server\n\n");
        md.append("On the new NFS server, as root, in this order.\n\n");

        md.append("**Step 1. The export roots.** Make them and export them over NFS as before (`/etc/exports`, then")
                .append(" `exportfs -ra`). Keep the same paths: PVs of a surviving cluster point at them.\n\n");
        for (ExportConfig e : config.exports()) {
            md.append("- `").append(e.path()).append("` (layout ").append(e.layout())
                    .append(e.pattern() != null ? ", pattern `" + e.pattern() + "`" : "").append(")\n");
        }
        md.append('\n');

        md.append("**Step 2. The repository password.** THE PASSWORD IS NOT IN THIS RUNBOOK. It must be kept OUTSIDE")
                .append(" the server (a password manager, a sealed envelope). Without it nobody can read the backups.")
                .append(" Put it back BEFORE installing: the installer makes a new password when the file is missing.\n\n");
        md.append("```\n");
        md.append("install -d -m 0755 ").append(Shell.quote(parent(password))).append('\n');
        md.append("install -m 0600 /dev/null ").append(Shell.quote(password)).append('\n');
        md.append("nano ").append(Shell.quote(password)).append("   # paste the password: one line\n");
        md.append("```\n\n");

        md.append("**Step 3. The config.** Write `").append(config.file()).append("` with these values")
                .append(" (the password itself is only in the file above). Keep `host:` as it is: plain restic finds")
                .append(" the snapshots by it, and new backups deduplicate against the old ones.\n\n");
        if (!Restic.redact(config.repository()).equals(config.repository())) {
            md.append("The repository's credentials are not printed: put them back into `repository:`.\n\n");
        }
        md.append("```yaml\n").append(ConfigYaml.of(config)).append("```\n\n");

        md.append("**Step 4. Install claimback** from a clone of its repository (see its README), without starting the")
                .append(" agent or backing up: a backup now would record empty volumes.\n\n");
        md.append("```\n./install/install.sh --export-root ").append(Shell.quote(exportRoot))
                .append(" --no-start --no-backup\n```\n\n");

        md.append("**Step 5. Check, and rebuild the catalogue from the repository.**\n\n");
        md.append("```\nclaimback doctor\nclaimback catalog rebuild\nclaimback claims\n```\n\n");
    }

    static void restoreEverything(StringBuilder md) {
        md.append("## 2. Restore everything\n\n");
        md.append("See what would be restored where, then restore every claim into its volume directory:\n\n");
        md.append("```\nclaimback restore --all --dry-run\nclaimback restore --all --yes\n```\n\n");
        md.append("Into a rebuilt cluster managed with GitOps (Flux): make a fresh PV directory per claim and write the")
                .append(" static PVs, then commit `pvs.yaml` to a Kustomization that the apps' Kustomizations `dependsOn`,")
                .append(" so that each PV exists before its claim:\n\n");
        md.append("```\nclaimback restore --all --to-new-pv --manifest pvs.yaml --yes\n```\n\n");
        md.append("When every claim is back, start the agent: `systemctl start claimback-agent`.\n\n");
        md.append("Without claimback, restore each claim by hand with the plain restic commands in section 3.\n\n");
    }

    private static String parent(String file) {
        int slash = file.lastIndexOf('/');
        return slash <= 0 ? "/" : file.substring(0, slash);
    }
}
