package org.claimback.restic;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * How to reach restic and the repository. None of it ever reaches restic's argv: the repository
 * and the password file go through the environment (see {@link Restic}).
 *
 * @param binary an absolute path, or a bare name such as {@code restic} looked up on PATH
 * @param repository any restic repository string (path, {@code sftp:}, {@code s3:},
 *     {@code rest:http://user:password@host/}); it may hold credentials, so it is passed only as
 *     RESTIC_REPOSITORY and shown only {@linkplain #redactedRepository() redacted}
 * @param passwordFile passed as RESTIC_PASSWORD_FILE
 * @param extraEnv more variables for restic (backend credentials); never logged or shown
 * @param cacheDir RESTIC_CACHE_DIR, or {@code null} for restic's default (~/.cache/restic)
 * @param globalFlags flags put before every restic command: {@code -o key=value} options and
 *     {@code --limit-upload/--limit-download}; they are argv, so never secrets
 */
public record ResticSettings(Path binary, String repository, Path passwordFile, Map<String, String> extraEnv,
        Path cacheDir, List<String> globalFlags) {

    /** Variables that choose the repository or its password: set from these settings only. */
    static final Set<String> OWNED_VARIABLES = Set.of("RESTIC_PASSWORD", "RESTIC_PASSWORD_COMMAND",
            "RESTIC_PASSWORD_FILE", "RESTIC_REPOSITORY", "RESTIC_REPOSITORY_FILE", "RESTIC_FROM_REPOSITORY",
            "RESTIC_FROM_REPOSITORY_FILE", "RESTIC_FROM_PASSWORD", "RESTIC_FROM_PASSWORD_FILE",
            "RESTIC_FROM_PASSWORD_COMMAND");

    private static final Pattern URL_USERINFO = Pattern.compile("(?<=://)[^/@\\s]+@");

    public ResticSettings {
        Objects.requireNonNull(binary, "binary");
        Arguments.requireValue("repository", repository);
        Objects.requireNonNull(passwordFile, "passwordFile");
        extraEnv = extraEnv == null ? Map.of() : Map.copyOf(extraEnv);
        globalFlags = globalFlags == null ? List.of() : List.copyOf(globalFlags);
        for (String name : extraEnv.keySet()) {
            if (OWNED_VARIABLES.contains(name)) {
                throw new IllegalArgumentException(name + " must not be set in extraEnv: set repository or passwordFile");
            }
        }
    }

    public ResticSettings(Path binary, String repository, Path passwordFile, Map<String, String> extraEnv, Path cacheDir) {
        this(binary, repository, passwordFile, extraEnv, cacheDir, List.of());
    }

    /** Settings with no extra environment and restic's default cache. */
    public static ResticSettings of(Path binary, String repository, Path passwordFile) {
        return new ResticSettings(binary, repository, passwordFile, Map.of(), null);
    }

    public ResticSettings withBinary(Path newBinary) {
        return new ResticSettings(newBinary, repository, passwordFile, extraEnv, cacheDir, globalFlags);
    }

    /** The repository as it may be shown: without {@code user:password@} in URLs. */
    public String redactedRepository() {
        return redactRepository(repository);
    }

    /**
     * A repository string without the user information of a URL: everything between
     * {@code ://} and the last {@code @}, so a password holding '/' or '@' goes too.
     */
    static String redactRepository(String repository) {
        int scheme = repository.indexOf("://");
        int at = repository.lastIndexOf('@');
        return scheme >= 0 && at > scheme ? repository.substring(0, scheme + 3) + repository.substring(at + 1) : repository;
    }

    /** A line restic printed, with this repository and any URL's user information redacted. */
    String redact(String text) {
        return URL_USERINFO.matcher(text.replace(repository, redactedRepository())).replaceAll("");
    }

    /** Never shows credentials or the extra environment's values. */
    @Override
    public String toString() {
        return "ResticSettings[binary=" + binary + ", repository=" + redactedRepository() + ", passwordFile="
                + passwordFile + ", extraEnv=" + extraEnv.keySet() + ", cacheDir=" + cacheDir + ", globalFlags=" + globalFlags + "]";
    }
}
