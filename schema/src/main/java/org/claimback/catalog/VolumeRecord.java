package org.claimback.catalog;

import java.time.Instant;
import java.util.List;

/**
 * A volume: one PV directory on disk.
 *
 * @param exportRoot the export root the directory was found under
 * @param path       the absolute directory path, the volume's identity
 * @param pvName     the PV's name, or null when not known
 * @param layout     the provisioner layout that found it (e.g. {@code nfs-subdir})
 * @param state      one of {@link #STATES}
 * @param current    true for the claim's current volume (at most one per claim)
 */
public record VolumeRecord(long id, long claimId, String exportRoot, String path, String pvName,
                           String layout, String state, boolean current, Instant firstSeen,
                           Instant lastSeen) {

    /** Values of {@code state}. */
    public static final List<String> STATES = List.of("live", "archived", "missing");
}
