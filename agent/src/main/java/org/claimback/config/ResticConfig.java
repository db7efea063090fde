package org.claimback.config;

import java.nio.file.Path;

/** Which restic binary to run and where it keeps its cache ({@code null}: restic's default). */
public record ResticConfig(Path binary, Path cacheDir) {}
