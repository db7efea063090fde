package org.claimback.restic;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Tells an unreachable repository server from restic's stderr, and says it in one line.
 *
 * <p>The texts are what restic 0.14.0 and 0.18.0 print against a closed port, an unknown host and
 * a stopped server (s3: Go's {@code dial tcp ...: connect: connection refused}, {@code lookup
 * ...: no such host}, {@code i/o timeout}; sftp: ssh's {@code ssh: connect to host ... port 22:
 * Connection refused} followed by restic's {@code unable to start the sftp session}). Lines of
 * restic's own retries ({@code ... returned error, retrying after ...}, {@code operation
 * successful after N retries}) are ignored: an error restic got past says nothing about how it
 * ended. An ssh that reached the server but was refused (a wrong key, an unknown host key) is not
 * unreachable: it is a setup error, and retrying does not fix it.
 */
public final class Unreachable {
    /** What the operator should check, the same for restic's failure and claimback's probe. */
    static final String FIX = "check that the server runs and that this machine reaches it (address, port, DNS, firewall)";

    /** Lowercase texts and the reason they stand for, most specific first. */
    private static final List<String[]> REASONS = List.of(
            new String[] {"connection refused", "connection refused"},
            new String[] {"no such host", "no such host"},
            new String[] {"could not resolve hostname", "no such host"},
            new String[] {"name or service not known", "no such host"},
            new String[] {"temporary failure in name resolution", "no such host"},
            new String[] {"network is unreachable", "network is unreachable"},
            new String[] {"no route to host", "no route to host"},
            new String[] {"i/o timeout", "timed out"},
            new String[] {"connection timed out", "timed out"},
            new String[] {"operation timed out", "timed out"},
            new String[] {"connection reset by peer", "connection reset by peer"},
            new String[] {"dial tcp", "cannot connect"},
            new String[] {"unable to start the sftp session", "ssh could not start an sftp session"});

    /** ssh reached the server and was turned away: fix the setup, do not wait for the network. */
    private static final List<String> NOT_NETWORK = List.of("permission denied", "host key verification failed",
            "no matching host key", "too many authentication failures", "bad configuration option");

    private Unreachable() {}

    /** Why the server could not be reached, when {@code stderr} says so; empty otherwise. */
    public static Optional<String> reason(String stderr) {
        String text = Arrays.stream(stderr.split("\n"))
                .filter(line -> !line.contains("returned error, retrying after") && !line.contains("operation successful after"))
                .collect(Collectors.joining("\n")).toLowerCase(Locale.ROOT);
        if (NOT_NETWORK.stream().anyMatch(text::contains)) {
            return Optional.empty();
        }
        return REASONS.stream().filter(r -> text.contains(r[0])).map(r -> r[1]).findFirst();
    }

    /**
     * The one line: {@code cannot reach repository REPO (TRIED: REASON): check ...}.
     *
     * @param repository the repository, already redacted
     * @param tried      what was tried, e.g. {@code restic backup} or {@code TCP connect to host:9000 within 5 s}
     * @param reason     e.g. {@code connection refused}
     */
    public static String message(String repository, String tried, String reason) {
        return "cannot reach repository " + repository + " (" + tried + ": " + reason + "): " + FIX;
    }

    /** An UNREACHABLE failure that no restic run produced (claimback's own probe). */
    public static ResticException exception(String repository, String tried, String reason) {
        return new ResticException(ResticException.Kind.UNREACHABLE, ResticException.NO_EXIT_CODE, tried, List.of(),
                message(repository, tried, reason));
    }
}
