package org.claimback.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Several catalogues on one file: the agent's threads, the agent and the CLI, two processes. */
@Timeout(120)
class ConcurrencyTest {

    private static final int WRITES = 300;

    @TempDir
    Path dir;

    @Test
    void should_let_a_writer_and_a_reader_on_one_file_both_succeed() throws Exception {
        Path file = dir.resolve("catalog.db");
        ExecutorService threads = Executors.newFixedThreadPool(2);
        AtomicBoolean writing = new AtomicBoolean(true);
        try (Catalog agent = Catalog.open(file); Catalog cli = Catalog.open(file)) {
            Future<?> writer = threads.submit(() -> {
                try {
                    writeBackups(agent, "agent", WRITES);
                } finally {
                    writing.set(false);
                }
                return null;
            });
            Future<Integer> reader = threads.submit(() -> {
                int reads = 0;
                int lastSeen = 0;
                while (writing.get()) {
                    int seen = cli.runs(null, 10_000).size();
                    assertTrue(seen >= lastSeen, "runs never disappear");
                    lastSeen = seen;
                    cli.claims();
                    cli.snapshotByResticId("deadbeef");
                    if (++reads % 10 == 0) { // the CLI writes too
                        cli.upsertClaim("cli-" + reads, "cli", String.valueOf(reads), "manual", List.of(), Instant.now());
                    }
                }
                return reads;
            });
            writer.get(100, TimeUnit.SECONDS);
            assertTrue(reader.get(100, TimeUnit.SECONDS) > 0);

            assertEquals(WRITES, cli.runs(null, 10_000).size());
            assertEquals(WRITES, agent.claims().stream().filter(c -> c.claimKey().startsWith("agent-")).count());
        } finally {
            threads.shutdownNow();
        }
    }

    @Test
    void should_let_threads_share_one_catalogue() throws Exception {
        ExecutorService threads = Executors.newFixedThreadPool(4);
        try (Catalog catalog = Catalog.open(dir.resolve("catalog.db"))) {
            List<Future<?>> writers = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                String prefix = "thread" + t;
                writers.add(threads.submit(() -> {
                    writeBackups(catalog, prefix, 50);
                    return null;
                }));
            }
            for (Future<?> writer : writers) {
                writer.get(100, TimeUnit.SECONDS);
            }
            assertEquals(200, catalog.runs(null, 1000).size());
            assertEquals(200, catalog.claims().size());
        } finally {
            threads.shutdownNow();
        }
    }

    @Test
    void should_let_two_processes_create_and_share_one_file() throws Exception {
        Path file = dir.resolve("new/catalog.db");
        // Two other JVMs race this one to create the file, then all three write at once.
        List<ChildJvm> children = List.of(ChildJvm.start(dir, "write", file.toString(), "100"),
                ChildJvm.start(dir, "write", file.toString(), "100"));
        int reads = 0;
        try (Catalog catalog = Catalog.open(file)) {
            for (int i = 0; i < 100; i++) {
                writeBackups(catalog, "parent" + i, 1);
                catalog.runs(null, 50);
                catalog.claims();
                reads++;
            }
            for (ChildJvm child : children) {
                assertEquals(0, child.waitFor(100), child.describe());
                assertEquals("done 100", child.readLine(), child.describe());
            }
            assertEquals(100, reads);
            assertEquals(300, catalog.runs(null, 1000).size());
            assertEquals(200, catalog.claims().size(), "parent0..99, and child-0..99 shared by the children");
            assertEquals(Migrations.latest(), catalog.schemaVersion());
        }
    }

    /** What a backup records: the claim, a run, its snapshot, the run's end. One write each. */
    private static void writeBackups(Catalog catalog, String prefix, int count) {
        for (int i = 0; i < count; i++) {
            Instant now = Instant.now();
            ClaimRecord claim = catalog.upsertClaim(prefix + "-" + i, prefix, String.valueOf(i), "name", List.of(), now);
            long run = catalog.startRun("backup", claim.id(), null, "nfs1", "schedule", now);
            String id = String.format("%08x", (prefix + i).hashCode()) + "0".repeat(56);
            catalog.addSnapshot(Fixtures.snapshot(claim.id(), id, now));
            catalog.finishRun(run, "ok", null, id, Instant.now());
        }
    }
}
