package org.claimback.config;

import java.nio.file.Path;
import org.claimback.outcome.ExitCode;
import org.claimback.outcome.UserError;

/** A problem with the configuration, reported as {@code FILE:LINE: key: what is wrong}, exit 2. */
public final class ConfigException extends UserError {
    private static final long serialVersionUID = 1L;

    public ConfigException(Path file, int line, String key, String problem) {
        super(ExitCode.USAGE, format(file, line, key, problem));
    }

    private static String format(Path file, int line, String key, String problem) {
        StringBuilder s = new StringBuilder("config ").append(file);
        if (line > 0) {
            s.append(':').append(line);
        }
        s.append(": ");
        if (key != null && !key.isEmpty()) {
            s.append(key).append(": ");
        }
        return s.append(problem).toString();
    }
}
