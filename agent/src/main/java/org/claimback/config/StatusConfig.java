package org.claimback.config;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where the agent serves its status ({@code status.listen}): an address and port, or off. Any
 * address but loopback needs a bearer token ({@code status.tokenFile}); with a token, every
 * path but {@code /healthz} asks for it.
 *
 * @param enabled   false for {@code off}
 * @param host      an IP literal (IPv6 without brackets) or {@code localhost}; null when off
 * @param port      1-65535 (0 only when built in code: any free port); 0 when off
 * @param tokenFile the file holding the bearer token, or null: no token asked (loopback only)
 */
public record StatusConfig(boolean enabled, String host, int port, java.nio.file.Path tokenFile) {

    /** Without a token: loopback only. */
    public StatusConfig(boolean enabled, String host, int port) {
        this(enabled, host, port, null);
    }

    private static final Pattern HOST_PORT = Pattern.compile("(\\[[0-9A-Fa-f:.]+\\]|[^:\\[\\]]+):([0-9]{1,5})");
    private static final Pattern IPV4 = Pattern.compile("[0-9]{1,3}(\\.[0-9]{1,3}){3}");

    public static StatusConfig off() {
        return new StatusConfig(false, null, 0);
    }

    /** {@code HOST:PORT} as written in the config, e.g. {@code 127.0.0.1:9807}; "off" when disabled. */
    public String listen() {
        if (!enabled) {
            return "off";
        }
        return (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
    }

    /**
     * Parses {@code HOST:PORT} (an IPv4 literal, {@code [IPv6]} or {@code localhost}). Throws
     * {@link IllegalArgumentException} with a message that says how to fix it.
     */
    public static StatusConfig parse(String listen) {
        return parse(listen, null);
    }

    /** As {@link #parse(String)}, with the token file that allows addresses beyond loopback. */
    public static StatusConfig parse(String listen, java.nio.file.Path tokenFile) {
        Matcher m = HOST_PORT.matcher(listen);
        if (!m.matches()) {
            throw new IllegalArgumentException("`" + listen + "` is not HOST:PORT: write e.g. 127.0.0.1:9807, or off to disable the endpoint");
        }
        String host = m.group(1);
        int port = Integer.parseInt(m.group(2));
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("port " + port + " is out of range: use 1-65535, e.g. 127.0.0.1:9807");
        }
        if (tokenFile == null && !loopback(host)) {
            throw new IllegalArgumentException("`" + listen + "`: an address beyond loopback needs a bearer token: set"
                    + " status.tokenFile to a file holding one (mode 0600), or use 127.0.0.1:PORT");
        }
        return new StatusConfig(true, host.startsWith("[") ? host.substring(1, host.length() - 1) : host, port, tokenFile);
    }

    private static boolean loopback(String host) {
        if (host.equals("localhost")) {
            return true;
        }
        boolean ipv4 = IPV4.matcher(host).matches();
        if (!ipv4 && !host.startsWith("[")) {
            return false; // a name other than localhost: never looked up, refused
        }
        if (ipv4 && java.util.Arrays.stream(host.split("\\.")).anyMatch(octet -> Integer.parseInt(octet) > 255)) {
            return false; // not a literal: getByName would look it up
        }
        try {
            return InetAddress.getByName(host).isLoopbackAddress(); // a literal: no lookup
        } catch (UnknownHostException e) {
            return false;
        }
    }
}
