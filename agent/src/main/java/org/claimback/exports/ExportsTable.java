package org.claimback.exports;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * The NFS server's export table: every entry of {@code /etc/exports} and
 * {@code /etc/exports.d/*.exports}, in the order exportfs reads them, and one problem line
 * ({@code FILE:LINE: what is wrong}) for each malformed or risky entry and each file that can't be
 * read. See the package documentation for the syntax.
 */
public record ExportsTable(List<ExportEntry> entries, List<String> problems) {

    /** The export table exportfs reads first. */
    public static final Path DEFAULT_EXPORTS = Path.of("/etc/exports");
    /** The directory of further tables, {@code *.exports}. */
    public static final Path DEFAULT_EXPORTS_D = Path.of("/etc/exports.d");
    /** The name ending of the tables in {@link #DEFAULT_EXPORTS_D}. */
    public static final String EXPORTS_D_SUFFIX = ".exports";
    /** In a problem line: an error at which exportfs stops reading the file. */
    public static final String STOPS_EXPORTFS = "exportfs stops reading";
    /** In a problem line: an entry that exports a path to everyone, probably by mistake. */
    public static final String TO_EVERYONE = "to everyone (*)";

    public ExportsTable {
        entries = List.copyOf(entries);
        problems = List.copyOf(problems);
    }

    /** The system's table: {@link #DEFAULT_EXPORTS} and {@link #DEFAULT_EXPORTS_D}. */
    public static ExportsTable read() {
        return read(DEFAULT_EXPORTS, DEFAULT_EXPORTS_D);
    }

    /**
     * Reads {@code etcExports}, then every regular, non-hidden {@code *.exports} file in
     * {@code exportsD} in version order (as exportfs: {@code 9-a.exports} before {@code 10-b.exports}). A missing file or directory reads as empty; nothing here
     * throws for what is on disk.
     */
    public static ExportsTable read(Path etcExports, Path exportsD) {
        List<ExportEntry> entries = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        List<Path> files = new ArrayList<>();
        files.add(etcExports);
        files.addAll(tablesIn(exportsD, problems));
        for (Path file : files) {
            Optional<byte[]> bytes = readFile(file, problems);
            if (bytes.isPresent()) {
                ExportsTable one = parse(bytes.get(), file);
                entries.addAll(one.entries());
                problems.addAll(one.problems());
            }
        }
        return new ExportsTable(entries, problems);
    }

    /** Parses one table's text; {@code file} is only used to say where entries and problems are. */
    public static ExportsTable parse(String text, Path file) {
        return parse(text.getBytes(StandardCharsets.UTF_8), file);
    }

    private static ExportsTable parse(byte[] bytes, Path file) {
        // exportfs reads bytes: one char per byte until a token is complete, then it is read as UTF-8
        return new ExportsParser(new String(bytes, StandardCharsets.ISO_8859_1), file).parse();
    }

    /** Every exported path, in table order, each once. */
    public List<Path> paths() {
        return entries.stream().map(ExportEntry::path).distinct().toList();
    }

    /**
     * The entry that exports {@code dir} itself, else the one for its nearest exported ancestor;
     * paths are compared as written, after {@link Path#normalize()}.
     */
    public Optional<ExportEntry> covering(Path dir) {
        Path target = dir.normalize();
        ExportEntry best = null;
        for (ExportEntry entry : entries) {
            Path path = entry.path().normalize();
            if (target.startsWith(path) && (best == null || path.getNameCount() > best.path().normalize().getNameCount())) {
                best = entry;
            }
        }
        return Optional.ofNullable(best);
    }

    private static List<Path> tablesIn(Path dir, List<String> problems) {
        if (dir == null || !Files.exists(dir)) {
            return List.of();
        }
        List<Path> tables = new ArrayList<>();
        try (DirectoryStream<Path> stream = Files.newDirectoryStream(dir)) {
            for (Path p : stream) {
                String name = p.getFileName().toString();
                if (!name.startsWith(".") && name.endsWith(EXPORTS_D_SUFFIX) && name.length() > EXPORTS_D_SUFFIX.length()
                        && Files.isRegularFile(p)) {
                    tables.add(p);
                }
            }
        } catch (NotDirectoryException e) {
            problems.add(dir + ": not a directory: exportfs reads *" + EXPORTS_D_SUFFIX + " files from a directory here");
        } catch (AccessDeniedException e) {
            problems.add(dir + ": permission denied: run as root to read the export tables in it");
        } catch (IOException | RuntimeException e) {
            problems.add(dir + ": cannot be listed: " + e.getMessage());
        }
        tables.sort(Comparator.comparing(p -> p.getFileName().toString(), ExportsTable::versionOrder));
        return tables;
    }

    /**
     * The order of glibc's versionsort(3), which exportfs lists {@code /etc/exports.d} with:
     * runs of digits compare as numbers ({@code 9-a} before {@code 10-a}), the rest char by char.
     */
    static int versionOrder(String a, String b) {
        int i = 0;
        int j = 0;
        while (i < a.length() && j < b.length()) {
            char x = a.charAt(i);
            char y = b.charAt(j);
            if (isDigit(x) && isDigit(y)) {
                int ei = i;
                int ej = j;
                while (ei < a.length() && isDigit(a.charAt(ei))) {
                    ei++;
                }
                while (ej < b.length() && isDigit(b.charAt(ej))) {
                    ej++;
                }
                String da = a.substring(i, ei).replaceFirst("^0+(?=.)", "");
                String db = b.substring(j, ej).replaceFirst("^0+(?=.)", "");
                int c = da.length() != db.length() ? Integer.compare(da.length(), db.length()) : da.compareTo(db);
                if (c != 0) {
                    return c;
                }
                c = Integer.compare(ej - j, ei - i); // more leading zeros first, as strverscmp
                if (c != 0) {
                    return c;
                }
                i = ei;
                j = ej;
            } else {
                if (x != y) {
                    return Character.compare(x, y);
                }
                i++;
                j++;
            }
        }
        return Integer.compare(a.length() - i, b.length() - j);
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private static Optional<byte[]> readFile(Path file, List<String> problems) {
        try {
            return Optional.of(Files.readAllBytes(file));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (AccessDeniedException e) {
            problems.add(file + ": permission denied: run as root to read it");
        } catch (IOException | RuntimeException e) {
            problems.add(file + ": cannot be read: " + e.getMessage());
        }
        return Optional.empty();
    }
}
