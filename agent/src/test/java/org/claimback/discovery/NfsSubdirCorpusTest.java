package org.claimback.discovery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * The nfs-subdir corpus ({@code discovery/nfs-subdir-corpus.txt}): every row is created for real
 * under one export root (or, for names longer than a directory name can be, read from the name
 * alone), scanned once, and checked against what the row says.
 */
class NfsSubdirCorpusTest {

    private static final String CORPUS = "/discovery/nfs-subdir-corpus.txt";
    private static final int NAME_MAX_BYTES = 255;
    private static final Pattern REPEAT = Pattern.compile("\\{(.)\\*(\\d+)}");

    @TempDir
    Path tmp;

    record Row(int line, String entry, String name, String expect, List<String> fields) {

        String title() {
            String shown = name.length() > 90 ? name.substring(0, 60) + "…(" + name.length() + " chars)" : name;
            return "line " + line + ": " + entry + " " + shown + " is " + expect;
        }

        Finding expected(Path root) {
            Path path = root.resolve(name);
            switch (expect) {
                case "UNMATCHED":
                    return new UnmatchedDirectory(root, path, fields.get(0));
                case "LIVE":
                case "ARCHIVED":
                    List<ClaimName> candidates = Arrays.stream(fields.get(2).split(" "))
                            .map(ClaimName::parse).toList();
                    return new DiscoveredVolume(root, path, NfsSubdirLayout.NAME, fields.get(0), fields.get(1),
                            VolumeState.valueOf(expect), candidates.size() == 1 ? candidates.get(0) : null,
                            candidates, fields.get(3).equals("-") ? null : fields.get(3));
                default:
                    throw new IllegalStateException(title() + ": no finding expected");
            }
        }
    }

    static List<Row> corpus() throws IOException {
        List<Row> rows = new ArrayList<>();
        try (InputStream in = NfsSubdirCorpusTest.class.getResourceAsStream(CORPUS)) {
            if (in == null) {
                throw new IOException(CORPUS + " is not on the test classpath");
            }
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            int lineNumber = 0;
            for (String line; (line = reader.readLine()) != null; ) {
                lineNumber++;
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                List<String> cells = Arrays.stream(expand(line).split("\\|")).map(String::strip).toList();
                rows.add(new Row(lineNumber, cells.get(0), cells.get(1), cells.get(2), cells.subList(3, cells.size())));
            }
        }
        return rows;
    }

    private static String expand(String line) {
        Matcher m = REPEAT.matcher(line
                .replace("{uuid}", ExportTree.UUID)
                .replace("{uuid2}", ExportTree.UUID2)
                .replace("{UUID}", ExportTree.UUID.toUpperCase()));
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(out, Matcher.quoteReplacement(m.group(1).repeat(Integer.parseInt(m.group(2)))));
        }
        return m.appendTail(out).toString();
    }

    @TestFactory
    Stream<DynamicTest> every_corpus_row_reads_as_the_row_says() throws Exception {
        List<Row> rows = corpus();
        ExportTree tree = ExportTree.at(tmp.resolve("export"));
        Path outside = Files.createDirectories(tmp.resolve("outside"));
        Files.createDirectory(outside.resolve("default-outside-pvc-" + ExportTree.UUID));
        for (Row row : rows) {
            switch (row.entry()) {
                case "dir" -> tree.dir(row.name());
                case "file" -> tree.file(row.name());
                case "link" -> tree.symlink(row.name(), outside);
                case "dangling" -> tree.symlink(row.name(), tmp.resolve("nothing-here"));
                case "string" -> { }
                default -> fail(row.title() + ": unknown entry kind " + row.entry());
            }
        }
        DiscoveryResult result = new Discovery().scan(List.of(tree.exportRoot()));
        Path root = tree.exportRoot().path();
        Map<Path, Finding> found = new HashMap<>();
        result.volumes().forEach(v -> found.put(v.path(), v));
        result.unmatched().forEach(u -> found.put(u.path(), u));
        NfsSubdirLayout layout = new NfsSubdirLayout();

        Stream<DynamicTest> perRow = rows.stream().map(row -> DynamicTest.dynamicTest(row.title(), () -> {
            Path path = root.resolve(row.name());
            int bytes = row.name().getBytes(StandardCharsets.UTF_8).length;
            if (row.entry().equals("string")) {
                assertTrue(bytes > NAME_MAX_BYTES, row.title() + ": fits in a directory name, make it a dir row");
                assertEquals(row.expected(root), layout.readName(root, path));
                return;
            }
            assertTrue(bytes <= NAME_MAX_BYTES, row.title() + ": too long for a directory name, make it a string row");
            if (row.expect().equals("IGNORED")) {
                assertFalse(found.containsKey(path), row.title() + ": listed as " + found.get(path));
                return;
            }
            assertEquals(row.expected(root), found.get(path), row.title());
            if (row.entry().equals("dir")) {
                assertEquals(found.get(path), layout.readName(root, path), "the name alone reads the same as the disk");
            }
        }));

        Stream<DynamicTest> whole = Stream.of(
                DynamicTest.dynamicTest("every row names a different entry", () -> {
                    Set<String> names = new HashSet<>();
                    rows.forEach(r -> assertTrue(names.add(r.name()), r.title() + ": named twice"));
                }),
                DynamicTest.dynamicTest("the scan finds nothing the corpus does not name, and no problem", () -> {
                    long expectedFindings = rows.stream()
                            .filter(r -> !r.entry().equals("string") && !r.expect().equals("IGNORED")).count();
                    assertEquals(expectedFindings, found.size(), "findings: " + found.keySet());
                    assertEquals(List.of(), result.problems());
                }),
                DynamicTest.dynamicTest("volumes and unmatched entries are sorted by path", () -> {
                    assertEquals(result.volumes().stream().map(DiscoveredVolume::path).sorted().toList(),
                            result.volumes().stream().map(DiscoveredVolume::path).toList());
                    assertEquals(result.unmatched().stream().map(UnmatchedDirectory::path).sorted().toList(),
                            result.unmatched().stream().map(UnmatchedDirectory::path).toList());
                }));
        return Stream.concat(perRow, whole);
    }

    @Test
    void corpus_covers_every_kind_of_row() throws IOException {
        Set<String> kinds = new HashSet<>();
        for (Row row : corpus()) {
            kinds.add(row.entry() + " " + row.expect());
        }
        assertTrue(kinds.containsAll(Set.of("dir LIVE", "string LIVE", "string UNMATCHED", "dir UNMATCHED",
                "dir IGNORED", "file IGNORED", "link UNMATCHED", "dangling UNMATCHED")), kinds.toString());
        assertTrue(corpus().size() >= 80, "the corpus has " + corpus().size() + " rows");
    }
}
