package org.claimback.locks;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;

/**
 * A second claimback process for lock tests: {@code HoldLock CATALOG (volume ID | gate) MILLIS}
 * takes the volume's lock or the repository gate exclusively, prints {@code held}, keeps it for
 * MILLIS, lets go and prints {@code released <epoch ns>}.
 */
public final class HoldLock {
    private HoldLock() {}

    public static void main(String[] args) throws Exception {
        Path catalog = Path.of(args[0]);
        long millis = Long.parseLong(args[args.length - 1]);
        AutoCloseable held = args[1].equals("gate")
                ? RepositoryGate.beside(catalog).exclusive("check (test process)")
                : VolumeLocks.beside(catalog).lock(Long.parseLong(args[2]), "backup (other test process)", Duration.ZERO);
        System.out.println("held");
        System.out.flush();
        Thread.sleep(millis);
        Instant now = Instant.now();
        held.close();
        System.out.println("released " + (now.getEpochSecond() * 1_000_000_000L + now.getNano()));
        System.out.flush();
    }

    /** Starts it in a new JVM with this JVM's classpath and waits until it holds the lock. */
    static Process start(Path catalog, long holdMillis, String... what) throws Exception {
        java.util.List<String> command = new java.util.ArrayList<>(java.util.List.of(
                ProcessHandle.current().info().command().orElse("java"), "-cp", System.getProperty("java.class.path"),
                HoldLock.class.getName(), catalog.toString()));
        command.addAll(java.util.List.of(what));
        command.add(Long.toString(holdMillis));
        Process p = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        String first = new java.io.BufferedReader(new java.io.InputStreamReader(p.getInputStream())).readLine();
        if (!"held".equals(first)) {
            p.destroyForcibly();
            throw new AssertionError("the other process did not take the lock: " + command + " said " + first);
        }
        return p;
    }

    /** The release time the process printed, in epoch ns, after it ended. */
    static long releasedAt(Process p) throws Exception {
        if (!p.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("the other process did not end");
        }
        String rest = new String(p.getInputStream().readAllBytes()).strip();
        if (!rest.startsWith("released ")) {
            throw new AssertionError("the other process said " + rest);
        }
        return Long.parseLong(rest.substring("released ".length()));
    }
}
