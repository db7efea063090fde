package org.claimback.restic;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.claimback.restic.ResticException.Kind;

/**
 * {@code restic copy} and {@code restic init --copy-chunker-params} from a source repository (the
 * primary) into a destination (an offsite copy). The destination is the run's repository
 * (RESTIC_REPOSITORY, RESTIC_PASSWORD_FILE); the source reaches restic as RESTIC_FROM_REPOSITORY
 * and RESTIC_FROM_PASSWORD_FILE in the child's environment, never in argv.
 *
 * <p>restic reads one environment for both repositories, so the two repositories' extra variables
 * (backend credentials) are merged, and a variable both set to different values is refused before
 * restic runs. The {@code -o} options of both are passed the same way (they are global flags).
 */
public final class ResticCopy {
    private static final Pattern SAVED = Pattern.compile("^snapshot ([0-9a-f]{8,64}) saved\\b");

    private final Restic destination;
    private final ResticSettings source;

    /**
     * @param destination restic for the repository written to (the copy)
     * @param source how restic reaches the repository read from (the primary)
     */
    public ResticCopy(Restic destination, ResticSettings source) {
        this.destination = destination;
        this.source = source;
    }

    /**
     * {@code restic init --copy-chunker-params}: creates the destination with the source's chunker
     * parameters, so that data copied later deduplicates against data backed up there.
     */
    public void initWithSourceChunker() {
        destination.version();
        ResticSettings settings = runSettings();
        ResticRun run = ResticProcess.run(settings, List.of("init", "--copy-chunker-params"), null,
                line -> ResticProcess.LOG.debug("restic init: {}", line), LineSink.DISCARD, io());
        if (!run.succeeded()) {
            throw sourceOrDestination(run, "init --copy-chunker-params");
        }
        ResticProcess.LOG.info("restic init: created repository {} with the chunker parameters of {}",
                settings.redactedRepository(), source.redactedRepository());
    }

    /**
     * {@code restic copy ID...}: copies these snapshots of the source. restic skips those the
     * destination holds already and ignores ids the source does not have (logged). Returns the
     * short ids of the snapshots restic saved in the destination.
     *
     * @throws IllegalArgumentException for no ids: {@code restic copy} without ids copies every snapshot
     */
    public List<String> copy(List<String> snapshotIds) {
        if (snapshotIds.isEmpty()) {
            throw new IllegalArgumentException("no snapshot ids: restic copy without ids would copy every snapshot");
        }
        destination.version();
        List<String> args = new ArrayList<>(List.of("copy"));
        snapshotIds.forEach(id -> args.add(Arguments.requirePositional("a snapshot id", id)));
        List<String> saved = new ArrayList<>();
        ResticRun run = ResticProcess.run(runSettings(), args, null, line -> {
            Matcher m = SAVED.matcher(line.strip());
            if (m.find()) {
                saved.add(m.group(1));
            } else {
                ResticProcess.LOG.debug("restic copy: {}", line);
            }
        }, LineSink.DISCARD, io());
        if (!run.succeeded()) {
            throw sourceOrDestination(run, "copy");
        }
        return List.copyOf(saved);
    }

    /** The destination's settings with both repositories' variables and options. */
    ResticSettings runSettings() {
        ResticSettings dst = destination.settings();
        Map<String, String> env = new HashMap<>(dst.extraEnv());
        source.extraEnv().forEach((name, value) -> {
            String other = env.putIfAbsent(name, value);
            if (other != null && !other.equals(value)) {
                throw new ResticException(Kind.FAILED, ResticException.NO_EXIT_CODE, "restic copy", List.of(),
                        "the environment files of " + source.redactedRepository() + " and " + dst.redactedRepository()
                                + " set " + name + " to different values, but restic copy reads one environment for both:"
                                + " give both repositories the same " + name + " (e.g. one key allowed on both buckets)");
            }
        });
        return new ResticSettings(dst.binary(), dst.repository(), dst.passwordFile(), env, dst.cacheDir(),
                mergedFlags(source.globalFlags(), dst.globalFlags(), dst.redactedRepository()));
    }

    /** The destination's flags, plus the source's {@code -o key=value} options it does not set itself. */
    static List<String> mergedFlags(List<String> sourceFlags, List<String> destinationFlags, String destination) {
        Map<String, String> options = new LinkedHashMap<>();
        for (int i = 0; i + 1 < destinationFlags.size(); i++) {
            if (destinationFlags.get(i).equals("-o")) {
                String option = destinationFlags.get(++i);
                options.put(option.split("=", 2)[0], option);
            }
        }
        List<String> flags = new ArrayList<>(destinationFlags);
        for (int i = 0; i + 1 < sourceFlags.size(); i++) {
            if (!sourceFlags.get(i).equals("-o")) {
                continue;
            }
            String option = sourceFlags.get(++i);
            String key = option.split("=", 2)[0];
            String mine = options.get(key);
            if (mine == null) {
                flags.add("-o");
                flags.add(option);
                options.put(key, option);
            } else if (!mine.equals(option)) {
                throw new ResticException(Kind.FAILED, ResticException.NO_EXIT_CODE, "restic copy", List.of(),
                        "repositoryOptions set " + key + " differently for the primary and for " + destination
                                + ", but restic copy takes one set of options: use the same value for both");
            }
        }
        return flags;
    }

    private ResticIo io() {
        return new ResticIo(List.of(), null, null, Map.of("RESTIC_FROM_REPOSITORY", source.repository(),
                "RESTIC_FROM_PASSWORD_FILE", source.passwordFile().toAbsolutePath().toString()));
    }

    /**
     * A failed run, as {@link Restic#failure} says it; a wrong password or a missing repository may
     * be either side's, so both are named.
     */
    private ResticException sourceOrDestination(ResticRun run, String command) {
        ResticException failure = destination.failure(run);
        String from = source.redactedRepository();
        String to = destination.settings().redactedRepository();
        String message = switch (failure.kind()) {
            case WRONG_PASSWORD -> "restic " + command + " from " + from + " to " + to
                    + ": wrong password for one of them: check passwordFile " + source.passwordFile() + " (source) and "
                    + destination.settings().passwordFile() + " (destination)";
            case REPOSITORY_MISSING -> "restic " + command + " from " + from + " to " + to
                    + ": one of them has no repository: check both repository strings in the config";
            default -> failure.getMessage().replace("restic " + run.command() + " failed",
                    "restic " + command + " from " + from + " failed");
        };
        return new ResticException(failure.kind(), run.exitCode(), run.commandLine(), run.stderrTail(), message);
    }
}
