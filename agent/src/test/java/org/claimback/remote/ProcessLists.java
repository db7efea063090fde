package org.claimback.remote;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/**
 * What every process on the machine shows in its argv ({@code /proc/PID/cmdline}, readable by any
 * user, unlike the environment), sampled every 5 ms by a thread until closed: which of some secrets
 * appeared, and the command lines of the restic processes working on one repository (told by
 * {@code RESTIC_REPOSITORY} in their environment: other tests may run restic on this machine too).
 */
final class ProcessLists implements AutoCloseable {
    private final List<String> secrets;
    private final byte[] repositoryVariable;
    private final Set<String> secretsSeen = ConcurrentHashMap.newKeySet();
    private final Set<String> resticCommandLines = ConcurrentHashMap.newKeySet();
    private final Thread sampler;
    private volatile boolean stop;
    private volatile int samples;

    private ProcessLists(List<String> secrets, String repository) {
        this.secrets = List.copyOf(secrets);
        this.repositoryVariable = ("RESTIC_REPOSITORY=" + repository + "\0").getBytes(StandardCharsets.UTF_8);
        this.sampler = new Thread(this::sample, "process-list-sampler");
        sampler.setDaemon(true);
    }

    /** Starts sampling; {@code secrets} must never appear in any argv; restic is watched on {@code repository}. */
    static ProcessLists watch(List<String> secrets, String repository) {
        ProcessLists lists = new ProcessLists(secrets, repository);
        lists.sampler.start();
        return lists;
    }

    private void sample() {
        while (!stop) {
            try (Stream<Path> pids = Files.list(Path.of("/proc"))) {
                pids.filter(p -> p.getFileName().toString().chars().allMatch(Character::isDigit)).forEach(this::read);
            } catch (IOException e) {
                throw new IllegalStateException("cannot list /proc: " + e.getMessage(), e);
            }
            samples++;
            try {
                Thread.sleep(5);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private void read(Path pid) {
        String commandLine;
        try {
            commandLine = new String(Files.readAllBytes(pid.resolve("cmdline")), StandardCharsets.UTF_8).replace('\0', ' ');
        } catch (IOException e) {
            return; // the process ended meanwhile
        }
        for (String secret : secrets) {
            if (commandLine.contains(secret)) {
                secretsSeen.add("pid " + pid.getFileName() + ": " + commandLine.replace(secret, "<SECRET>"));
            }
        }
        String program = commandLine.split(" ", 2)[0];
        if ((program.endsWith("/restic") || program.equals("restic")) && worksOnRepository(pid)) {
            resticCommandLines.add(commandLine);
        }
    }

    private boolean worksOnRepository(Path pid) {
        try {
            byte[] environment = Files.readAllBytes(pid.resolve("environ"));
            return indexOf(environment, repositoryVariable) >= 0;
        } catch (IOException e) {
            return false;
        }
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    /** Processes whose argv held a secret (the secret masked), empty when none did. */
    List<String> secretsSeen() {
        return new ArrayList<>(secretsSeen);
    }

    /** Every distinct restic command line seen. */
    List<String> resticCommandLines() {
        return new ArrayList<>(resticCommandLines);
    }

    @Override
    public void close() throws InterruptedException {
        stop = true;
        sampler.join();
        if (samples < 2) {
            throw new IllegalStateException("the process list was sampled " + samples + " times: nothing was watched");
        }
    }
}
