package org.claimback.discovery;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * The nfs-subdir pathPattern corpus ({@code discovery/nfs-subdir-pattern-corpus.txt}): every
 * section is an export root built for real and scanned once, every row checked against what it
 * says.
 */
class NfsSubdirPatternCorpusTest {

    private static final String CORPUS = "/discovery/nfs-subdir-pattern-corpus.txt";

    @TempDir
    Path tmp;

    @TestFactory
    Stream<DynamicNode> every_corpus_row_reads_as_the_row_says() throws IOException {
        return LayoutCorpus.tests(LayoutCorpus.read(CORPUS), tmp);
    }

    @Test
    void corpus_covers_every_kind_of_row() throws IOException {
        List<LayoutCorpus.Section> sections = LayoutCorpus.read(CORPUS);
        Set<String> kinds = new HashSet<>();
        sections.forEach(s -> s.rows().forEach(r -> kinds.add(r.entry() + " " + r.expect()
                + (r.fields().isEmpty() || !r.fields().get(0).equals("?") ? "" : " ?"))));
        assertTrue(kinds.containsAll(Set.of("dir LIVE", "dir LIVE ?", "dir ARCHIVED", "dir ARCHIVED ?",
                "dir UNMATCHED", "dir IGNORED", "file IGNORED", "link UNMATCHED", "link IGNORED",
                "dangling UNMATCHED", "dangling IGNORED")), kinds.toString());
        assertTrue(sections.stream().allMatch(s -> s.layout().equals(NfsSubdirLayout.NAME) && s.pattern() != null));
        assertTrue(sections.stream().mapToInt(s -> s.rows().size()).sum() >= 80);
    }
}
