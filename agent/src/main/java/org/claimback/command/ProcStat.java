package org.claimback.command;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The fields of Linux's {@code /proc/PID/stat} that {@link ProcessTree} needs: state and process group. */
record ProcStat(long pid, char state, long pgrp) {
    boolean zombie() {
        return state == 'Z' || state == 'X';
    }

    static Optional<ProcStat> read(long pid) {
        try {
            return parse(pid, Files.readString(Path.of("/proc", Long.toString(pid), "stat")));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /** "pid (comm) S ppid pgrp ..." where comm may hold spaces and parentheses. */
    static Optional<ProcStat> parse(long pid, String line) {
        int close = line.lastIndexOf(')');
        if (close < 0) {
            return Optional.empty();
        }
        String[] fields = line.substring(close + 2).split(" ");
        return Optional.of(new ProcStat(pid, fields[0].charAt(0), Long.parseLong(fields[2])));
    }

    static List<ProcStat> all() {
        List<ProcStat> all = new ArrayList<>();
        try (DirectoryStream<Path> dirs = Files.newDirectoryStream(Path.of("/proc"), p -> p.getFileName().toString()
                .chars().allMatch(Character::isDigit))) {
            for (Path dir : dirs) {
                read(Long.parseLong(dir.getFileName().toString())).ifPresent(all::add);
            }
        } catch (IOException e) {
            // no /proc: only the members themselves are watched
        }
        return all;
    }
}
