package org.claimback.doctor;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * {@code password-file}: the repository password is private: no permission for group or others
 * (0600 or stricter) and owned by root, or by the user running claimback. WARN with the command
 * that fixes it; the password itself is never read here.
 */
final class PasswordFileCheck implements Check {
    static final String NAME = "password-file";

    private static final Set<PosixFilePermission> OTHERS = Set.of(PosixFilePermission.GROUP_READ,
            PosixFilePermission.GROUP_WRITE, PosixFilePermission.GROUP_EXECUTE, PosixFilePermission.OTHERS_READ,
            PosixFilePermission.OTHERS_WRITE, PosixFilePermission.OTHERS_EXECUTE);

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
        Path file = ctx.requireConfig().passwordFile();
        return privateFile(NAME, file, "the repository password", "passwordFile", ctx.requireConfig().file());
    }

    /**
     * OK when {@code file} gives its group and others no access and is owned by root or the user
     * running claimback; WARN with the fixing command otherwise; FAIL when its attributes cannot
     * be read. {@code holds} says what the file holds, {@code key} the config key naming it.
     */
    static CheckResult privateFile(String check, Path file, String holds, String key, Path configFile) {
        PosixFileAttributes attributes;
        try {
            attributes = Files.readAttributes(file, PosixFileAttributes.class);
        } catch (IOException e) {
            return CheckResult.fail(check, "cannot read the mode and owner of " + file + " (" + e + "): fix " + key + " in "
                    + configFile);
        }
        String mode = mode(attributes.permissions());
        String owner = attributes.owner().getName();
        String user = System.getProperty("user.name", "root");
        boolean open = attributes.permissions().stream().anyMatch(OTHERS::contains);
        boolean foreign = !owner.equals("root") && !owner.equals(user);
        if (!open && !foreign) {
            return CheckResult.ok(check, file + " is mode " + mode + ", owned by " + owner
                    + (owner.equals("root") ? "" : " (the user running claimback)"));
        }
        List<String> wrong = new ArrayList<>();
        List<String> fix = new ArrayList<>();
        if (open) {
            boolean everyone = attributes.permissions().stream().anyMatch(p -> p.name().startsWith("OTHERS"));
            wrong.add("mode " + mode + " gives " + (everyone ? "every user" : "its group") + " access");
            fix.add("chmod 600 " + file);
        }
        if (foreign) {
            wrong.add("it is owned by " + owner + ", who can read or replace it");
            fix.add("chown root: " + file);
        }
        return CheckResult.warn(check, file + " holds " + holds + " but " + String.join(" and ", wrong)
                + ": " + String.join(" && ", fix));
    }

    /** "0600" */
    static String mode(Set<PosixFilePermission> permissions) {
        int bits = 0;
        for (PosixFilePermission p : permissions) {
            bits |= 1 << (8 - p.ordinal());
        }
        return String.format("%04o", bits);
    }
}
