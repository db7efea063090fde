package org.claimback.dump;

import org.claimback.catalog.DumpRecord;
import org.claimback.config.DumpConfig;

/**
 * One dump as taken by {@link DumpBackup#take}.
 *
 * @param config the dump as configured
 * @param record its catalogue row (state ok or failed)
 * @param ok     the producer exited 0 in time, wrote something, and restic saved a complete snapshot
 * @param error  one line saying what failed and how, or null when ok
 */
public record DumpOutcome(DumpConfig config, DumpRecord record, boolean ok, String error) {}
