package org.claimback.config;

import java.nio.file.Path;

/**
 * Restore drills.
 *
 * @param scratch the directory drills restore into, one fresh subdirectory per drill, removed
 *                after the check; never inside an export root
 */
public record DrillConfig(Path scratch) {}
