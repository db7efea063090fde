package org.claimback.status;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import org.claimback.config.Config;
import org.claimback.config.ConfigLoader;
import org.claimback.config.StatusConfig;
import org.claimback.engine.Engine;
import org.claimback.testing.TestSetup;

/** A test's engine whose status endpoint listens on any free loopback port, with or without a token. */
final class StatusFixture {
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private StatusFixture() {}

    /** The setup's config as loaded, with {@code status} on 127.0.0.1, any free port. */
    static Config config(TestSetup setup, Path tokenFile) {
        Config c = ConfigLoader.load(setup.config());
        return new Config(c.file(), c.exports(), c.repository(), c.passwordFile(), c.catalog(), c.host(), c.namespaces(),
                c.inventoryFiles(), c.schedule(), c.restic(), c.drill(), new StatusConfig(true, "127.0.0.1", 0, tokenFile),
                c.backup(), c.retention(), c.check(), c.claims(), c.agent(), c.notifications(), c.sqlite());
    }

    static Engine engine(TestSetup setup) {
        return Engine.open(config(setup, null));
    }

    static HttpResponse<String> get(int port, String path) throws Exception {
        return get(port, path, null);
    }

    static HttpResponse<String> get(int port, String path, String authorization) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).timeout(Duration.ofSeconds(10));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
