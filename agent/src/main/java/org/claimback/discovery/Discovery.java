package org.claimback.discovery;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads export roots with their layouts and lists the volumes on them. Read-only; an export root
 * that can't be read becomes a problem line, never an exception.
 */
public final class Discovery {

    private static final Logger log = LoggerFactory.getLogger(Discovery.class);

    private final Set<String> knownNamespaces;

    /** Discovery without a namespace list: every reading a name allows is kept. */
    public Discovery() {
        this(Set.of());
    }

    /**
     * @param knownNamespaces the namespaces the user says exist: they narrow ambiguous claim keys
     *                        and settle archive prefixes (see the package documentation)
     * @throws IllegalArgumentException if one of them is no valid namespace
     */
    public Discovery(Set<String> knownNamespaces) {
        this.knownNamespaces = KubernetesNames.requireNamespaces(knownNamespaces);
    }

    /** Reads every export root once (a root listed twice is read once). */
    public DiscoveryResult scan(List<ExportRoot> roots) {
        List<DiscoveredVolume> volumes = new ArrayList<>();
        List<UnmatchedDirectory> unmatched = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        List<Path> unreadable = new ArrayList<>();
        Set<Path> seen = new HashSet<>();
        for (ExportRoot root : roots) {
            if (!seen.add(root.path())) {
                continue;
            }
            long started = System.nanoTime();
            List<Finding> found = new ArrayList<>();
            String problem = read(root, found);
            if (problem != null) {
                problems.add(problem);
                unreadable.add(root.path());
                continue;
            }
            int volumesBefore = volumes.size();
            for (Finding finding : found) {
                if (finding instanceof DiscoveredVolume volume) {
                    volumes.add(volume);
                } else {
                    unmatched.add((UnmatchedDirectory) finding);
                }
            }
            log.debug("{} ({}{}): {} volumes, {} other entries in {} ms", root.path(), root.layout(),
                    root.pattern() == null ? "" : " " + root.pattern(),
                    volumes.size() - volumesBefore, found.size() - (volumes.size() - volumesBefore),
                    (System.nanoTime() - started) / 1_000_000);
        }
        volumes.sort(Comparator.comparing(DiscoveredVolume::path));
        unmatched.sort(Comparator.comparing(UnmatchedDirectory::path));
        return new DiscoveryResult(volumes, unmatched, problems, unreadable);
    }

    /** Reads one root into {@code found}; returns a problem line (and {@code found} is to be dropped) if it can't be read. */
    private String read(ExportRoot root, List<Finding> found) {
        Path path = root.path();
        try {
            if (!Files.readAttributes(path, BasicFileAttributes.class).isDirectory()) {
                return "export root " + path + " is not a directory";
            }
            Layout.named(root.layout(), root.pattern(), knownNamespaces).read(path, found::add);
            return null;
        } catch (NoSuchFileException e) {
            return "export root " + path + " does not exist";
        } catch (NotDirectoryException e) {
            return "export root " + path + " is not a directory";
        } catch (IOException e) {
            return "export root " + path + " cannot be read: " + describe(e);
        }
    }

    /** An I/O failure in a few words, without the path the caller already names. */
    static String describe(IOException e) {
        if (e instanceof AccessDeniedException) {
            return "permission denied";
        }
        if (e instanceof FileSystemException fse && fse.getReason() != null) {
            return fse.getReason();
        }
        return e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
    }
}
