package org.claimback.hooks;

import java.util.List;
import java.util.Random;
import java.util.stream.Collectors;

/** Finds a test's processes by a unique argument (a sleep of an odd, random length). */
final class Processes {
    private static final Random RANDOM = new Random();

    private Processes() {}

    /** A sleep length no other process uses: "60.48213". */
    static String uniqueSeconds(int whole) {
        return whole + "." + (10000 + RANDOM.nextInt(89999));
    }

    /** The live processes with {@code argument} among their arguments. */
    static List<Long> withArgument(String argument) {
        return ProcessHandle.allProcesses()
                .filter(ProcessHandle::isAlive)
                .filter(h -> h.info().arguments().map(a -> List.of(a).contains(argument)).orElse(false))
                .map(ProcessHandle::pid)
                .collect(Collectors.toList());
    }

    /** Waits up to 5 s for a process with {@code argument} to appear; true when it did. */
    static boolean awaitStarted(String argument) throws InterruptedException {
        for (int i = 0; i < 100; i++) {
            if (!withArgument(argument).isEmpty()) {
                return true;
            }
            Thread.sleep(50);
        }
        return false;
    }

    /** Kills what a test left behind (only processes with the test's unique argument). */
    static void killAll(String argument) {
        withArgument(argument).forEach(pid -> ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly));
    }
}
