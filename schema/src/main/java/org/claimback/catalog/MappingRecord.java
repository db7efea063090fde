package org.claimback.catalog;

import java.time.Instant;
import java.util.List;

/**
 * One remembered mapping of a volume directory to a claim: who said so, and when. The catalogue
 * keeps every mapping it was ever told, so that the claim of a directory is still known when the
 * cluster that said so is gone.
 *
 * @param path          the volume directory on this server
 * @param pvName        the PV it was the directory of, or null when not known
 * @param source        one of {@link #SOURCES}
 * @param detail        where exactly it came from, e.g. the inventory file or
 *                      {@code claimback claims map}; may be null
 * @param firstLearned  when the mapping was first learned
 * @param lastConfirmed when it was last learned again
 */
public record MappingRecord(long id, String path, String pvName, String namespace, String name, String source,
                           String detail, Instant firstLearned, Instant lastConfirmed) {

    /** Values of {@code source}: a PV inventory, the directory name, or a person. */
    public static final List<String> SOURCES = List.of("inventory", "name", "manual");

    /** The claim key {@code <namespace>-<name>}. */
    public String claimKey() {
        return namespace + "-" + name;
    }
}
