package org.claimback.status;

import com.sun.net.httpserver.Authenticator;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpPrincipal;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Set;
import org.claimback.outcome.UserError;

/**
 * Asks every request but the health checks for {@code Authorization: Bearer TOKEN}, compared in
 * constant time; anything else gets 401 with {@code WWW-Authenticate: Bearer}. The token is read
 * once, from {@code status.tokenFile}, and never logged or shown.
 */
final class BearerToken extends Authenticator {
    /** Paths served without a token: a load balancer's or systemd's health probe. */
    static final Set<String> OPEN_PATHS = Set.of("/healthz", "/-/healthy");

    private final byte[] expected;

    private BearerToken(byte[] expected) {
        this.expected = expected;
    }

    static BearerToken readFrom(Path tokenFile) {
        String token;
        try {
            token = Files.readString(tokenFile).strip();
        } catch (IOException e) {
            throw UserError.usage("status.tokenFile " + tokenFile + ": cannot read it (" + e.getClass().getSimpleName()
                    + "): write the bearer token into it (mode 0600), readable by claimback");
        }
        if (token.isEmpty()) {
            throw UserError.usage("status.tokenFile " + tokenFile + " is empty: write the bearer token into it (mode 0600)");
        }
        return new BearerToken(token.getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public Result authenticate(HttpExchange exchange) {
        if (OPEN_PATHS.contains(exchange.getRequestURI().getPath())) {
            return new Success(new HttpPrincipal("anonymous", "claimback"));
        }
        String given = exchange.getRequestHeaders().getFirst("Authorization");
        if (given != null && given.regionMatches(true, 0, "Bearer ", 0, 7)
                && MessageDigest.isEqual(expected, given.substring(7).strip().getBytes(StandardCharsets.UTF_8))) {
            return new Success(new HttpPrincipal("bearer", "claimback"));
        }
        exchange.getResponseHeaders().set("WWW-Authenticate", "Bearer realm=\"claimback\"");
        return new Retry(401);
    }
}
