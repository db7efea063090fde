package org.claimback.cli;

import org.claimback.config.Config;
import org.claimback.config.ConfigLoader;
import org.claimback.engine.Engine;

/** Opens the engine for a command from the global options. */
final class Session {
    private Session() {}

    static Engine open(ClaimbackCommand root) {
        Config config = ConfigLoader.load(ConfigLoader.locate(root.configFile, System.getenv()));
        return Engine.open(config);
    }
}
