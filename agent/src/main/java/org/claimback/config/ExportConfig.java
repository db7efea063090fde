package org.claimback.config;

import java.nio.file.Path;

/** One export root and the provisioner layout of the PV directories under it. */
public record ExportConfig(Path path, String layout) {}
