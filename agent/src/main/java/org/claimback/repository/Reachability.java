package org.claimback.repository;

import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NoRouteToHostException;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.claimback.restic.ResticSettings;
import org.claimback.restic.Unreachable;

/**
 * A cheap look at whether the repository's server answers, before a batch of backups starts:
 * one TCP connect with a short timeout to the host and port the repository string names. restic
 * itself retries an unreachable backend for about a minute (0.14) or up to 15 minutes (0.17+)
 * per process; a batch of 40 volumes would wait that out 40 times.
 *
 * <p>Which address: {@code s3:http(s)://host[:port]/...} and {@code rest:http(s)://...} (80 or 443
 * by scheme), {@code s3:host/bucket} (443, restic's default), {@code sftp:[user@]host:/path} and
 * {@code sftp://[user@]host[:port]/path} (22), with ssh's own configuration applied ({@code ssh -G}
 * resolves a {@code Host} alias, its {@code HostName} and {@code Port}, and {@code sftp.args}).
 *
 * <p>Not probed (the probe says so and restic decides): a local repository; other backends
 * (azure, gs, b2, swift, rclone); an {@code sftp.command} option or an ssh ProxyCommand/ProxyJump
 * (the server is reached through something else); an HTTP proxy in the environment (restic talks
 * to the proxy, not the server). A probe must never call a working repository unreachable.
 */
public final class Reachability {
    /** How long a connect may take before the server counts as unreachable. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(5);
    private static final List<String> PROXY_VARIABLES = List.of("HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY");

    /** What a probe found. */
    public enum Status {
        /** A TCP connection to the server was made. */
        REACHABLE,
        /** No connection: {@link Probe#reason()} says why. */
        UNREACHABLE,
        /** Not probed: {@link Probe#reason()} says why (local, unknown backend, a command or proxy in between). */
        NOT_PROBED
    }

    /** Where a TCP connect reaches the repository's server. */
    public record Endpoint(String host, int port) {
        @Override
        public String toString() {
            return (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
        }
    }

    /**
     * @param status   what was found
     * @param endpoint the address probed, null when not probed
     * @param reason   why unreachable or not probed; null when reachable
     */
    public record Probe(Status status, Endpoint endpoint, String reason) {}

    private final Duration timeout;
    private final Map<String, String> environment;

    public Reachability() {
        this(DEFAULT_TIMEOUT, System.getenv());
    }

    /** @param environment this process's environment (its proxy variables decide whether to probe) */
    Reachability(Duration timeout, Map<String, String> environment) {
        this.timeout = timeout;
        this.environment = Map.copyOf(environment);
    }

    /**
     * Throws UNREACHABLE with the one-line message when the probe finds the server unreachable;
     * returns the probe otherwise (reachable or not probed).
     */
    public Probe requireReachable(ResticSettings settings) {
        Probe probe = probe(settings);
        if (probe.status() == Status.UNREACHABLE) {
            throw Unreachable.exception(settings.redactedRepository(),
                    "TCP connect to " + probe.endpoint() + " within " + timeout.toSeconds() + " s", probe.reason());
        }
        return probe;
    }

    /** Probes the repository of {@code settings}; never throws. */
    public Probe probe(ResticSettings settings) {
        Map<String, String> options = options(settings.globalFlags());
        String repository = settings.repository();
        Optional<Endpoint> endpoint;
        if (repository.startsWith("s3:") || repository.startsWith("rest:")) {
            Map<String, String> env = new HashMap<>(environment);
            env.putAll(settings.extraEnv());
            Optional<String> proxy = PROXY_VARIABLES.stream()
                    .filter(v -> notBlank(env.get(v)) || notBlank(env.get(v.toLowerCase(Locale.ROOT)))).findFirst();
            if (proxy.isPresent()) {
                return notProbed(proxy.get() + " is set: restic connects through the proxy");
            }
            endpoint = httpEndpoint(repository);
        } else if (repository.startsWith("sftp:")) {
            if (options.containsKey("sftp.command")) {
                return notProbed("sftp.command decides how the server is reached");
            }
            Optional<Endpoint> configured = sftpEndpoint(repository);
            if (configured.isEmpty()) {
                return notProbed("cannot tell the host of " + settings.redactedRepository());
            }
            SshTarget ssh = sshConfig(configured.get(), sftpUser(repository), options.get("sftp.args"));
            if (ssh.reasonNotToProbe() != null) {
                return notProbed(ssh.reasonNotToProbe());
            }
            endpoint = Optional.of(ssh.endpoint());
        } else {
            return notProbed(isLocal(repository) ? "a local repository" : "not a network backend claimback probes");
        }
        if (endpoint.isEmpty()) {
            return notProbed("cannot tell the host of " + settings.redactedRepository());
        }
        return connect(endpoint.get());
    }

    /** The host and port of an s3: or rest: repository string; empty when it cannot be told. */
    static Optional<Endpoint> httpEndpoint(String repository) {
        String rest = repository.substring(repository.indexOf(':') + 1);
        if (!rest.startsWith("http://") && !rest.startsWith("https://")) {
            if (repository.startsWith("rest:")) {
                return Optional.empty();
            }
            rest = "https://" + rest; // s3:host/bucket: restic uses https
        }
        try {
            URI uri = new URI(rest);
            String host = uri.getHost();
            if (host == null || host.isEmpty()) {
                return Optional.empty();
            }
            int port = uri.getPort() > 0 ? uri.getPort() : rest.startsWith("https://") ? 443 : 80;
            return Optional.of(new Endpoint(unbracket(host), port));
        } catch (java.net.URISyntaxException e) {
            return Optional.empty();
        }
    }

    /** The host and port of an sftp: repository string (22 unless the URL form names one). */
    static Optional<Endpoint> sftpEndpoint(String repository) {
        String rest = repository.substring("sftp:".length());
        if (rest.startsWith("//")) {
            String authority = rest.substring(2);
            int slash = authority.indexOf('/');
            authority = slash < 0 ? authority : authority.substring(0, slash);
            authority = authority.substring(authority.lastIndexOf('@') + 1);
            int port = 22;
            String host = authority;
            int close = authority.lastIndexOf(']');
            int colon = authority.lastIndexOf(':');
            if (colon > close && colon > 0) {
                host = authority.substring(0, colon);
                try {
                    port = Integer.parseInt(authority.substring(colon + 1));
                } catch (NumberFormatException e) {
                    return Optional.empty();
                }
            }
            return host.isEmpty() ? Optional.empty() : Optional.of(new Endpoint(unbracket(host), port));
        }
        String hostPart = rest.substring(rest.lastIndexOf('@', firstColonOutsideBrackets(rest)) + 1);
        int colon = firstColonOutsideBrackets(hostPart);
        String host = colon < 0 ? "" : hostPart.substring(0, colon);
        return host.isEmpty() ? Optional.empty() : Optional.of(new Endpoint(unbracket(host), 22));
    }

    private static String sftpUser(String repository) {
        String rest = repository.substring("sftp:".length());
        String authority = rest.startsWith("//") ? rest.substring(2).split("/", 2)[0] : rest.substring(0, Math.max(0, firstColonOutsideBrackets(rest)));
        int at = authority.lastIndexOf('@');
        return at > 0 ? authority.substring(0, at) : null;
    }

    private static int firstColonOutsideBrackets(String s) {
        boolean inBrackets = false;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '[') {
                inBrackets = true;
            } else if (c == ']') {
                inBrackets = false;
            } else if (c == ':' && !inBrackets) {
                return i;
            }
        }
        return -1;
    }

    /** ssh's view of the target: {@code ssh -G} applies ~/.ssh/config (Host aliases, HostName, Port, proxies). */
    private SshTarget sshConfig(Endpoint configured, String user, String sftpArgs) {
        List<String> command = new ArrayList<>(List.of("ssh", "-G"));
        if (sftpArgs != null && !sftpArgs.isBlank()) {
            command.addAll(List.of(sftpArgs.trim().split("\\s+")));
        }
        if (configured.port() != 22) {
            command.addAll(List.of("-p", Integer.toString(configured.port())));
        }
        command.add(user == null ? configured.host() : user + "@" + configured.host());
        Process process;
        try {
            process = new ProcessBuilder(command).redirectErrorStream(true).redirectInput(ProcessBuilder.Redirect.from(
                    new java.io.File("/dev/null"))).start();
        } catch (IOException e) {
            return new SshTarget(null, "ssh is not installed (" + e.getMessage() + "): restic decides");
        }
        try (InputStream in = process.getInputStream()) {
            String output = new String(in.readNBytes(1 << 20), StandardCharsets.UTF_8);
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS) || process.exitValue() != 0) {
                process.destroyForcibly();
                return new SshTarget(null, "`ssh -G` could not read the ssh configuration for " + configured.host());
            }
            String host = configured.host();
            int port = configured.port();
            for (String line : output.split("\n")) {
                String[] kv = line.trim().split("\\s+", 2);
                if (kv.length < 2) {
                    continue;
                }
                switch (kv[0].toLowerCase(Locale.ROOT)) {
                    case "hostname" -> host = kv[1];
                    case "port" -> port = Integer.parseInt(kv[1]);
                    case "proxycommand", "proxyjump" -> {
                        if (!kv[1].equalsIgnoreCase("none")) {
                            return new SshTarget(null, "ssh reaches " + configured.host() + " through a " + kv[0]);
                        }
                    }
                    default -> { }
                }
            }
            return new SshTarget(new Endpoint(host, port), null);
        } catch (IOException | NumberFormatException e) {
            process.destroyForcibly();
            return new SshTarget(null, "cannot read `ssh -G`: " + e.getMessage());
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            return new SshTarget(null, "interrupted while reading the ssh configuration");
        }
    }

    private record SshTarget(Endpoint endpoint, String reasonNotToProbe) {}

    /** One TCP connect to any of the host's addresses within the timeout. */
    private Probe connect(Endpoint endpoint) {
        InetAddress[] addresses;
        try {
            addresses = InetAddress.getAllByName(endpoint.host());
        } catch (UnknownHostException e) {
            return new Probe(Status.UNREACHABLE, endpoint, "no such host");
        }
        long deadline = System.nanoTime() + timeout.toNanos();
        String reason = "timed out";
        for (InetAddress address : addresses) {
            int left = (int) Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime()));
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress(address, endpoint.port()), left);
                return new Probe(Status.REACHABLE, endpoint, null);
            } catch (SocketTimeoutException e) {
                reason = "timed out";
            } catch (NoRouteToHostException e) {
                reason = "no route to host";
            } catch (ConnectException e) {
                String m = e.getMessage() == null ? "" : e.getMessage().toLowerCase(Locale.ROOT);
                reason = m.contains("refused") ? "connection refused" : m.contains("unreachable") ? "network is unreachable"
                        : m.isEmpty() ? "cannot connect" : m;
            } catch (IOException e) {
                reason = e.getMessage() == null ? "cannot connect" : e.getMessage().toLowerCase(Locale.ROOT);
            }
            if (System.nanoTime() >= deadline) {
                break;
            }
        }
        return new Probe(Status.UNREACHABLE, endpoint, reason);
    }

    /** {@code -o key=value} pairs among restic's global flags. */
    static Map<String, String> options(List<String> globalFlags) {
        Map<String, String> options = new HashMap<>();
        for (int i = 0; i + 1 < globalFlags.size(); i++) {
            if (globalFlags.get(i).equals("-o") || globalFlags.get(i).equals("--option")) {
                String option = globalFlags.get(++i);
                int eq = option.indexOf('=');
                if (eq > 0) {
                    options.put(option.substring(0, eq), option.substring(eq + 1));
                }
            }
        }
        return options;
    }

    private static Probe notProbed(String why) {
        return new Probe(Status.NOT_PROBED, null, why);
    }

    private static boolean isLocal(String repository) {
        return repository.startsWith("/") || repository.startsWith("local:");
    }

    private static boolean notBlank(String s) {
        return s != null && !s.isBlank();
    }

    private static String unbracket(String host) {
        return host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
    }
}
