package org.claimback.config;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A repository's environment file ({@code repositoryEnvFile}): backend credentials such as
 * {@code AWS_ACCESS_KEY_ID=...}, one {@code NAME=value} per line, {@code #} comments and blank
 * lines ignored, an optional {@code export } prefix and one pair of surrounding quotes allowed.
 * Its values reach restic's environment only; they are never logged, shown or stored.
 *
 * <p>The file must be a regular file that neither group nor others may read or write (0600 or
 * 0400), since it holds secrets; the variables that choose the repository or its password are
 * refused (they come from {@code repository} and {@code passwordFile}).
 */
public final class RepositoryEnvFile {
    private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
    /** Variables claimback sets itself from the config. */
    public static final Set<String> REFUSED = Set.of("RESTIC_PASSWORD", "RESTIC_PASSWORD_COMMAND", "RESTIC_PASSWORD_FILE",
            "RESTIC_REPOSITORY", "RESTIC_REPOSITORY_FILE", "RESTIC_FROM_REPOSITORY", "RESTIC_FROM_REPOSITORY_FILE",
            "RESTIC_FROM_PASSWORD", "RESTIC_FROM_PASSWORD_FILE", "RESTIC_FROM_PASSWORD_COMMAND", "RESTIC_CACHE_DIR");

    private RepositoryEnvFile() {}

    /**
     * The variables of {@code file}, in file order.
     *
     * @throws IllegalArgumentException with one line saying what is wrong and how to fix it (never a value)
     */
    public static Map<String, String> read(Path file) {
        checkPrivate(file);
        String text;
        try {
            text = Files.readString(file);
        } catch (IOException e) {
            throw new IllegalArgumentException(file + " cannot be read (" + e.getMessage() + "): run as root or fix its permissions");
        }
        Map<String, String> env = new LinkedHashMap<>();
        int number = 0;
        for (String raw : text.split("\n", -1)) {
            number++;
            String line = raw.strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            if (line.startsWith("export ")) {
                line = line.substring("export ".length()).strip();
            }
            int eq = line.indexOf('=');
            String name = eq < 0 ? line : line.substring(0, eq).strip();
            if (eq < 0 || !NAME.matcher(name).matches()) {
                throw new IllegalArgumentException(file + " line " + number + " is not NAME=value: write one variable per line, e.g. AWS_ACCESS_KEY_ID=...");
            }
            if (REFUSED.contains(name)) {
                throw new IllegalArgumentException(file + " line " + number + " sets " + name
                        + ": claimback sets it from repository/passwordFile; remove the line");
            }
            String value = line.substring(eq + 1).strip();
            if (value.length() >= 2 && (value.startsWith("\"") && value.endsWith("\"") || value.startsWith("'") && value.endsWith("'"))) {
                value = value.substring(1, value.length() - 1);
            }
            env.put(name, value);
        }
        if (env.isEmpty()) {
            throw new IllegalArgumentException(file + " sets no variable: write NAME=value lines (e.g. AWS_ACCESS_KEY_ID=...) or drop repositoryEnvFile");
        }
        return Map.copyOf(env);
    }

    /** Refuses a missing file, a non-regular one, and one that group or others may read or write. */
    public static void checkPrivate(Path file) {
        if (!Files.exists(file, LinkOption.NOFOLLOW_LINKS) && !Files.exists(file)) {
            throw new IllegalArgumentException(file + " does not exist: write the backend's variables into it (NAME=value, mode 0600)");
        }
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException(file + " is not a regular file: write the backend's variables into a file (mode 0600)");
        }
        Set<PosixFilePermission> perms;
        try {
            perms = Files.getPosixFilePermissions(file);
        } catch (IOException e) {
            throw new IllegalArgumentException(file + " cannot be read (" + e.getMessage() + "): run as root or fix its permissions");
        }
        if (perms.stream().anyMatch(p -> p.name().startsWith("GROUP") || p.name().startsWith("OTHERS"))) {
            throw new IllegalArgumentException(file + " holds secrets but group or others may access it: chmod 600 " + file);
        }
    }
}
