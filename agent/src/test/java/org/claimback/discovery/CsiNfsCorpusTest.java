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
 * The csi-nfs corpus ({@code discovery/csi-nfs-corpus.txt}): every section is a share built for
 * real and scanned once, every row checked against what it says.
 */
class CsiNfsCorpusTest {

    private static final String CORPUS = "/discovery/csi-nfs-corpus.txt";

    @TempDir
    Path tmp;

    @TestFactory
    Stream<DynamicNode> every_corpus_row_reads_as_the_row_says() throws IOException {
        return LayoutCorpus.tests(LayoutCorpus.read(CORPUS), tmp);
    }

    @Test
    void corpus_covers_the_default_and_templated_subdirs() throws IOException {
        List<LayoutCorpus.Section> sections = LayoutCorpus.read(CORPUS);
        Set<String> kinds = new HashSet<>();
        sections.forEach(s -> s.rows().forEach(r -> kinds.add(r.entry() + " " + r.expect())));
        assertTrue(kinds.containsAll(Set.of("dir LIVE", "dir ARCHIVED", "dir UNMATCHED", "dir IGNORED",
                "file IGNORED", "link UNMATCHED", "link IGNORED", "dangling UNMATCHED")), kinds.toString());
        assertTrue(sections.stream().allMatch(s -> s.layout().equals(CsiNfsLayout.NAME)));
        assertTrue(sections.stream().anyMatch(s -> s.pattern() == null), "the default subDir");
        assertTrue(sections.stream().anyMatch(s -> s.pattern() != null && s.pattern().contains("${pv.metadata.name}")));
        assertTrue(sections.stream().mapToInt(s -> s.rows().size()).sum() >= 60);
    }
}
