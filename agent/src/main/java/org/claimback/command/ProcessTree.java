package org.claimback.command;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;

/**
 * Stops a command claimback ran (a hook, a dump producer) with everything it started: SIGTERM,
 * {@link #GRACE}, then SIGKILL.
 *
 * <p>Who is stopped: the command's process and its descendants as they are just before the first
 * signal (taken first: once the parent dies its children are re-parented and no longer show as
 * descendants), and every member of each process group one of them leads. The command runs under
 * {@code setsid}, so its process leads a group of its own that also holds grandchildren a
 * double fork re-parented to init; such a group is signalled as a whole with {@code kill -- -PGID}.
 * The agent's own process group is never signalled.
 *
 * <p>Group members are read from {@code /proc/PID/stat}; a zombie counts as gone.
 */
public final class ProcessTree {
    /** How long SIGTERM has before SIGKILL. */
    public static final Duration GRACE = Duration.ofSeconds(5);
    private static final Duration AFTER_KILL = Duration.ofSeconds(3);
    private static final long POLL_MILLIS = 50;

    private final Process process;
    private final Logger log;
    private final String prefix;

    public ProcessTree(Process process, Logger log, String prefix) {
        this.process = process;
        this.log = log;
        this.prefix = prefix;
    }

    /**
     * Stops the tree and returns once it is gone or SIGKILL had {@link #AFTER_KILL} to work (a
     * process stuck in the kernel, e.g. on a dead NFS mount, may outlive even that; it is logged).
     * Never throws InterruptedException: an interrupt meanwhile is kept in the thread's flag.
     */
    public void stop() {
        Map<Long, ProcessHandle> members = new LinkedHashMap<>();
        snapshot(members);
        Set<Long> groups = groupsLed(members.keySet());
        log.info("{}: stopping process {} and {} more (SIGTERM, then SIGKILL after {})", prefix, process.pid(),
                members.size() - 1, GRACE.toSeconds() + " s");
        signal("TERM", groups, members);
        if (awaitGone(members, groups, GRACE)) {
            return;
        }
        snapshot(members);
        groups.addAll(groupsLed(members.keySet()));
        log.warn("{}: still running {} after SIGTERM, sending SIGKILL", prefix, GRACE.toSeconds() + " s");
        signal("KILL", groups, members);
        if (!awaitGone(members, groups, AFTER_KILL)) {
            log.warn("{}: processes {} survive SIGKILL (stuck in the kernel?); giving up on them", prefix,
                    alive(members, groups));
        }
    }

    private void snapshot(Map<Long, ProcessHandle> members) {
        if (process.isAlive()) {
            members.putIfAbsent(process.pid(), process.toHandle());
        }
        process.descendants().forEach(h -> members.putIfAbsent(h.pid(), h));
    }

    /** The groups whose leader is one of {@code pids}, minus the agent's own. */
    private static Set<Long> groupsLed(Set<Long> pids) {
        long own = ProcStat.read(ProcessHandle.current().pid()).map(ProcStat::pgrp).orElse(-1L);
        Set<Long> groups = new LinkedHashSet<>();
        for (long pid : pids) {
            ProcStat.read(pid).filter(s -> s.pgrp() == pid && pid != own).ifPresent(s -> groups.add(pid));
        }
        return groups;
    }

    private void signal(String name, Set<Long> groups, Map<Long, ProcessHandle> members) {
        for (long group : groups) {
            killGroup(name, group);
        }
        for (ProcessHandle h : members.values()) {
            if (name.equals("KILL")) {
                h.destroyForcibly();
            } else {
                h.destroy();
            }
        }
    }

    /** {@code kill -s NAME -- -GROUP} through the shell's builtin (the JDK can only signal single processes). */
    private void killGroup(String name, long group) {
        try {
            Process kill = new ProcessBuilder("/bin/sh", "-c", "kill -s " + name + " -- -" + group)
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            if (!kill.waitFor(5, TimeUnit.SECONDS)) {
                kill.destroyForcibly();
            }
        } catch (IOException e) {
            log.warn("{}: cannot signal process group {}: {}", prefix, group, e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private boolean awaitGone(Map<Long, ProcessHandle> members, Set<Long> groups, Duration limit) {
        long deadline = System.nanoTime() + limit.toNanos();
        boolean interrupted = Thread.interrupted();
        try {
            while (!alive(members, groups).isEmpty()) {
                if (System.nanoTime() >= deadline) {
                    return false;
                }
                try {
                    Thread.sleep(POLL_MILLIS);
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
            return true;
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** The pids still running: members not yet ended, and any live process in the groups. */
    private static List<Long> alive(Map<Long, ProcessHandle> members, Set<Long> groups) {
        List<Long> alive = new ArrayList<>();
        members.forEach((pid, h) -> {
            if (h.isAlive() && ProcStat.read(pid).map(s -> !s.zombie()).orElse(true)) {
                alive.add(pid);
            }
        });
        if (!groups.isEmpty()) {
            for (ProcStat s : ProcStat.all()) {
                if (groups.contains(s.pgrp()) && !s.zombie() && !alive.contains(s.pid())) {
                    alive.add(s.pid());
                }
            }
        }
        return alive;
    }
}
