package org.claimback.catalog;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

/**
 * A second process on a catalogue file, started by {@link ChildJvm}:
 * <ul>
 *   <li>{@code write FILE N}: records N claims, runs and snapshots, one write each, then prints "done N";</li>
 *   <li>{@code start-run FILE}: starts a run, prints "run ID", and waits to be killed.</li>
 * </ul>
 */
public final class CatalogChild {

    public static void main(String[] args) throws Exception {
        Path file = Path.of(args[1]);
        try (Catalog catalog = Catalog.open(file)) {
            switch (args[0]) {
                case "write" -> {
                    int count = Integer.parseInt(args[2]);
                    for (int i = 0; i < count; i++) {
                        Instant now = Instant.now();
                        ClaimRecord claim = catalog.upsertClaim("child-" + i, "child", String.valueOf(i), "name",
                                List.of(), now);
                        long run = catalog.startRun("backup", claim.id(), null, "nfs1", "schedule", now);
                        catalog.addSnapshot(Fixtures.snapshot(claim.id(), String.format("c%063x", i), now));
                        catalog.finishRun(run, "ok", null, String.format("c%07x", i), Instant.now());
                    }
                    System.out.println("done " + count);
                }
                case "start-run" -> {
                    long run = catalog.startRun("backup", null, null, "nfs1", "cli", Instant.now());
                    System.out.println("run " + run);
                    System.out.flush();
                    Thread.sleep(Long.MAX_VALUE);
                }
                default -> throw new IllegalArgumentException("unknown mode " + args[0]);
            }
        }
    }
}
