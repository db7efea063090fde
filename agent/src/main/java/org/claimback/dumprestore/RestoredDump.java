package org.claimback.dumprestore;

import java.nio.file.Path;
import java.time.Duration;
import org.claimback.catalog.ClaimRecord;
import org.claimback.catalog.DumpRecord;

/**
 * A dump written back to a file.
 *
 * @param file       where it is now
 * @param movedAside where the file that was there before went ({@code --force}), else null
 * @param bytes      what was written, equal to the dump's size
 * @param runId      the {@code restore} run in the catalogue
 */
public record RestoredDump(ClaimRecord claim, DumpRecord dump, Path file, Path movedAside, long bytes, long runId,
                           Duration duration) {}
