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
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;

/**
 * A corpus for the layouts read by a path template: sections, each one export root built for real
 * and scanned once, and rows saying what each entry reads as. The format is described at the top
 * of each corpus file.
 */
final class LayoutCorpus {

    private static final Pattern REPEAT = Pattern.compile("\\{(.)\\*(\\d+)}");

    /** One export root: {@code @ layout | pattern or - | known namespaces (comma-separated) or -}. */
    record Section(int line, String layout, String pattern, Set<String> namespaces, List<Row> rows) {

        String title() {
            return "line " + line + ": " + layout + (pattern == null ? "" : " " + pattern)
                    + (namespaces.isEmpty() ? "" : ", namespaces " + String.join(",", namespaces.stream().sorted().toList()));
        }
    }

    /** One entry below the export root. */
    record Row(int line, String entry, String path, String expect, List<String> fields) {

        String title() {
            return "line " + line + ": " + entry + " " + path + " is " + expect;
        }

        Finding expected(Path root, String layout) {
            Path at = root.resolve(path);
            switch (expect) {
                case "UNMATCHED":
                    return new UnmatchedDirectory(root, at, fields.get(0));
                case "LIVE":
                case "ARCHIVED":
                    String key = fields.get(0);
                    String pv = dash(fields.get(1));
                    String alternative = dash(fields.get(3));
                    if (key.equals("?")) {
                        assertEquals("-", fields.get(2), title() + ": a volume without claim key has no candidates");
                        return new DiscoveredVolume(root, at, layout, null, pv, VolumeState.valueOf(expect), null,
                                List.of(), alternative);
                    }
                    List<ClaimName> candidates = Arrays.stream(fields.get(2).split(" ")).map(ClaimName::parse).toList();
                    return new DiscoveredVolume(root, at, layout, key, pv, VolumeState.valueOf(expect),
                            candidates.size() == 1 ? candidates.get(0) : null, candidates, alternative);
                default:
                    throw new IllegalStateException(title() + ": no finding expected");
            }
        }

        private static String dash(String s) {
            return s.equals("-") ? null : s;
        }
    }

    private LayoutCorpus() {
    }

    static List<Section> read(String resource) throws IOException {
        List<Section> sections = new ArrayList<>();
        try (InputStream in = LayoutCorpus.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IOException(resource + " is not on the test classpath");
            }
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            int number = 0;
            Section section = null;
            for (String line; (line = reader.readLine()) != null; ) {
                number++;
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                List<String> cells = Arrays.stream(line.split("\\|")).map(String::strip).toList();
                if (line.startsWith("@")) {
                    String pattern = cells.get(1).equals("-") ? null : cells.get(1);
                    Set<String> namespaces = cells.get(2).equals("-") ? Set.of() : Set.of(cells.get(2).split(","));
                    section = new Section(number, cells.get(0).substring(1).strip(), pattern, namespaces, new ArrayList<>());
                    sections.add(section);
                    continue;
                }
                if (section == null) {
                    throw new IOException(resource + ":" + number + ": a row before the first @ section");
                }
                Section current = section;
                String quoted = current.pattern() == null ? "" : Quoting.quote(current.pattern());
                List<String> expanded = cells.stream().map(c -> expand(c, quoted, current)).toList();
                section.rows().add(new Row(number, expanded.get(0), expanded.get(1), expanded.get(2),
                        expanded.subList(3, expanded.size())));
            }
        }
        return sections;
    }

    private static String expand(String cell, String quotedPattern, Section section) {
        String text = cell.replace("{uuid}", ExportTree.UUID)
                .replace("{uuid2}", ExportTree.UUID2)
                .replace("{UUID}", ExportTree.UUID.toUpperCase())
                .replace("{two-ways}", section.pattern() == null ? "" : PatternReader.twoWays(section.pattern()))
                .replace("{pattern}", quotedPattern);
        Matcher m = REPEAT.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(out, Matcher.quoteReplacement(m.group(1).repeat(Integer.parseInt(m.group(2)))));
        }
        return m.appendTail(out).toString();
    }

    /** Builds every section under {@code tmp}, scans it, and returns one test per row and per section. */
    static Stream<DynamicNode> tests(List<Section> sections, Path tmp) throws IOException {
        Path outside = Files.createDirectories(tmp.resolve("outside"));
        Files.createDirectories(outside.resolve("default").resolve("secret"));
        List<DynamicNode> nodes = new ArrayList<>();
        for (Section section : sections) {
            nodes.add(DynamicContainer.dynamicContainer(section.title(), tests(section, tmp, outside)));
        }
        return nodes.stream();
    }

    private static Stream<DynamicTest> tests(Section section, Path tmp, Path outside) throws IOException {
        ExportTree tree = ExportTree.at(tmp.resolve("section-" + section.line()));
        for (Row row : section.rows()) {
            switch (row.entry()) {
                case "dir" -> tree.dirs(row.path());
                case "file" -> tree.fileAt(row.path());
                case "link" -> tree.symlinkAt(row.path(), outside);
                case "dangling" -> tree.symlinkAt(row.path(), tmp.resolve("nothing-here"));
                default -> fail(row.title() + ": unknown entry kind " + row.entry());
            }
        }
        ExportRoot exportRoot = tree.exportRoot(section.layout(), section.pattern());
        DiscoveryResult result = new Discovery(section.namespaces()).scan(List.of(exportRoot));
        Path root = exportRoot.path();
        Map<Path, Finding> found = new HashMap<>();
        result.volumes().forEach(v -> found.put(v.path(), v));
        result.unmatched().forEach(u -> found.put(u.path(), u));

        Stream<DynamicTest> perRow = section.rows().stream().map(row -> DynamicTest.dynamicTest(row.title(), () -> {
            Path path = root.resolve(row.path());
            if (row.expect().equals("IGNORED")) {
                assertFalse(found.containsKey(path), row.title() + ": listed as " + found.get(path));
                return;
            }
            assertEquals(row.expected(root, section.layout()), found.get(path), row.title());
        }));
        Stream<DynamicTest> whole = Stream.of(
                DynamicTest.dynamicTest("every row names a different entry", () -> {
                    Set<String> paths = new HashSet<>();
                    section.rows().forEach(r -> assertTrue(paths.add(r.path()), r.title() + ": named twice"));
                }),
                DynamicTest.dynamicTest("the scan finds nothing the section does not name, and no problem", () -> {
                    long expected = section.rows().stream().filter(r -> !r.expect().equals("IGNORED")).count();
                    assertEquals(expected, result.volumes().size() + result.unmatched().size(),
                            "findings: " + found.keySet());
                    assertEquals(List.of(), result.problems());
                    assertEquals(found.size(), result.volumes().size() + result.unmatched().size(),
                            "no path is listed twice");
                }));
        return Stream.concat(perRow, whole);
    }
}
