package org.claimback.discovery;

import static org.claimback.discovery.ExportTree.UUID;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.claimback.discovery.PathPattern.Dialect;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PathPatternTest {

    private static final String NFS_TOKENS =
            "${.PVC.namespace}, ${.PVC.name}, ${.PVC.labels.<key>}, ${.PVC.annotations.<key>}";
    private static final String CSI_TOKENS = "${pvc.metadata.namespace}, ${pvc.metadata.name}, ${pv.metadata.name}";

    private static String rejection(String pattern, Dialect dialect) {
        return assertThrows(IllegalArgumentException.class, () -> PathPattern.compile(pattern, dialect)).getMessage();
    }

    private static List<String> levels(String pattern, Dialect dialect) {
        return PathPattern.compile(pattern, dialect).levels().stream().map(PathPattern.Level::text).toList();
    }

    private static List<Map<String, String>> readings(String pattern, String name) {
        PathPattern compiled = PathPattern.compile(pattern, Dialect.NFS_SUBDIR);
        return PathPattern.match(compiled.levels().get(0), name, Map.of());
    }

    // --- what is refused, in one line ---

    @Test
    void should_name_an_unknown_nfs_subdir_token_and_the_known_ones() {
        assertEquals("pattern \"${.PVC.nmespace}/${.PVC.name}\": unknown token ${.PVC.nmespace}: the nfs-subdir"
                        + " pathPattern tokens are " + NFS_TOKENS,
                rejection("${.PVC.nmespace}/${.PVC.name}", Dialect.NFS_SUBDIR));
    }

    @Test
    void should_refuse_csi_tokens_in_a_pathpattern_and_nfs_subdir_tokens_in_a_subdir() {
        assertEquals("pattern \"${pvc.metadata.name}\": unknown token ${pvc.metadata.name}: the nfs-subdir"
                + " pathPattern tokens are " + NFS_TOKENS, rejection("${pvc.metadata.name}", Dialect.NFS_SUBDIR));
        assertEquals("pattern \"${.PVC.namespace}\": unknown token ${.PVC.namespace}: the csi-nfs subDir tokens are "
                + CSI_TOKENS, rejection("${.PVC.namespace}", Dialect.CSI_NFS));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "${.PVC.labels.}/x | unknown token ${.PVC.labels.}",
            "${.PVC.annotations.} | unknown token ${.PVC.annotations.}",
            "${.PVC.labels} | unknown token ${.PVC.labels}",
            "${namespace} | unknown token ${namespace}",
            "${} | unknown token ${}",
            "${.PVC.NAME} | unknown token ${.PVC.NAME}"})
    void should_refuse_tokens_the_provisioner_renders_empty_or_leaves_literal(String pattern, String problem) {
        assertTrue(rejection(pattern, Dialect.NFS_SUBDIR).startsWith(
                "pattern " + Quoting.quote(pattern) + ": " + problem + ": "));
    }

    @Test
    void should_refuse_an_unclosed_token() {
        assertEquals("pattern \"${.PVC.namespace}/${.PVC.name\": \"${\" at character 19 has no closing \"}\"",
                rejection("${.PVC.namespace}/${.PVC.name", Dialect.NFS_SUBDIR));
    }

    @Test
    void should_refuse_a_level_that_leaves_the_export_root() {
        assertEquals("pattern \"../${.PVC.name}\": a \"..\" level would leave the export root",
                rejection("../${.PVC.name}", Dialect.NFS_SUBDIR));
    }

    @Test
    void should_refuse_hidden_levels_that_discovery_would_skip() {
        assertEquals("pattern \"${.PVC.namespace}/.${.PVC.name}\": level \".${.PVC.name}\" makes hidden directories"
                + " (starting with '.'), which discovery skips", rejection("${.PVC.namespace}/.${.PVC.name}", Dialect.NFS_SUBDIR));
    }

    @Test
    void should_refuse_a_pattern_that_names_no_directory() {
        assertEquals("pattern \"/./\": names no directory below the export root", rejection("/./", Dialect.CSI_NFS));
    }

    @Test
    void should_keep_every_rejection_on_one_line() {
        String message = rejection("a\n${.PVC.nope}", Dialect.NFS_SUBDIR);

        assertFalse(message.contains("\n"), message);
        assertTrue(message.startsWith("pattern \"a\\u000a${.PVC.nope}\": unknown token ${.PVC.nope}"), message);
    }

    // --- levels, cleaned as filepath.Join cleans ---

    @Test
    void should_drop_empty_and_dot_levels_like_filepath_join() {
        assertEquals(List.of("${.PVC.namespace}", "${.PVC.name}"),
                levels("/./${.PVC.namespace}//${.PVC.name}/", Dialect.NFS_SUBDIR));
    }

    @Test
    void should_keep_a_slash_inside_an_annotation_key_in_its_level() {
        assertEquals(List.of("${.PVC.namespace}", "${.PVC.annotations.nfs.io/storage-path}"),
                levels("${.PVC.namespace}/${.PVC.annotations.nfs.io/storage-path}", Dialect.NFS_SUBDIR));
    }

    @Test
    void should_let_only_levels_of_labels_and_annotations_vanish() {
        List<PathPattern.Level> levels = PathPattern.compile(
                "${.PVC.namespace}/${.PVC.labels.tier}/${.PVC.labels.a}${.PVC.annotations.b}/x${.PVC.labels.c}/${.PVC.name}",
                Dialect.NFS_SUBDIR).levels();

        assertEquals(List.of(false, true, true, false, false), levels.stream().map(PathPattern.Level::mayBeEmpty).toList());
    }

    // --- reading names back ---

    @Test
    void should_read_every_split_of_a_namespace_dash_name_level() {
        assertEquals(List.of(
                        Map.of("namespace", "default", "name", "test-claim"),
                        Map.of("namespace", "default-test", "name", "claim")),
                readings("${.PVC.namespace}-${.PVC.name}", "default-test-claim"));
    }

    @Test
    void should_read_a_missing_label_as_empty() {
        assertEquals(List.of(Map.of("namespace", "shop", "label:app", "", "name", "cache")),
                readings("${.PVC.namespace}.${.PVC.labels.app}-${.PVC.name}", "shop.-cache"));
    }

    @Test
    void should_read_a_dotted_claim_name_but_no_dotted_namespace() {
        assertEquals(List.of(Map.of("namespace", "default", "name", "data.v1.2")),
                readings("${.PVC.namespace}_${.PVC.name}", "default_data.v1.2"));
        assertEquals(List.of(), readings("${.PVC.namespace}_${.PVC.name}", "my.ns_data"));
    }

    @Test
    void should_read_only_a_provisioned_pv_name_for_the_pv_token() {
        PathPattern pattern = PathPattern.compile("${pv.metadata.name}", Dialect.CSI_NFS);
        PathPattern.Level level = pattern.levels().get(0);

        assertEquals(List.of(Map.of("pv", "pvc-" + UUID)), PathPattern.match(level, "pvc-" + UUID, Map.of()));
        assertEquals(List.of(), PathPattern.match(level, "my-static-pv", Map.of()));
        assertEquals(List.of(), PathPattern.match(level, "pvc-" + UUID.toUpperCase(), Map.of()));
    }

    @Test
    void should_require_a_token_used_twice_to_have_one_value() {
        PathPattern pattern = PathPattern.compile("${.PVC.namespace}/${.PVC.namespace}-${.PVC.name}", Dialect.NFS_SUBDIR);
        PathPattern.State above = pattern.step(pattern.start(), "default").get(0);

        assertEquals(List.of(new PathPattern.State(2, Map.of("namespace", "default", "name", "data"))),
                pattern.step(above, "default-data"));
        assertEquals(List.of(), pattern.step(above, "other-data"));
    }

    @Test
    void should_step_past_a_level_that_vanished() {
        PathPattern pattern = PathPattern.compile("${.PVC.namespace}/${.PVC.labels.tier}/${.PVC.name}", Dialect.NFS_SUBDIR);
        PathPattern.State shop = pattern.step(pattern.start(), "shop").get(0);

        List<PathPattern.State> fast = pattern.step(shop, "fast");

        assertEquals(List.of(
                        new PathPattern.State(2, Map.of("namespace", "shop", "label:tier", "fast")),
                        new PathPattern.State(3, Map.of("namespace", "shop", "label:tier", "", "name", "fast"))),
                fast);
        assertTrue(pattern.continues(fast.get(0)));
        assertEquals(null, pattern.complete(fast.get(0)));
        assertFalse(pattern.continues(fast.get(1)));
        assertEquals(fast.get(1).bindings(), pattern.complete(fast.get(1)));
    }

    // --- through the layouts and export roots ---

    @Test
    void should_reject_a_bad_pattern_when_the_export_root_is_made() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new ExportRoot(Path.of("/srv/nfs/k8s"), "csi-nfs", "${pvc.metadata.namespace}/${pvc.name}"));

        assertEquals("pattern \"${pvc.metadata.namespace}/${pvc.name}\": unknown token ${pvc.name}: the csi-nfs subDir"
                + " tokens are " + CSI_TOKENS, e.getMessage());
    }

    @Test
    void should_take_an_empty_pattern_as_the_default_like_the_provisioners() {
        assertEquals(new ExportRoot(Path.of("/srv"), "nfs-subdir"), new ExportRoot(Path.of("/srv"), "nfs-subdir", ""));
        assertTrue(Layout.named("nfs-subdir", "", Set.of()) instanceof NfsSubdirLayout);
        assertEquals(CsiNfsLayout.DEFAULT_PATTERN, ((CsiNfsLayout) Layout.named("csi-nfs", "", Set.of())).pattern());
        assertTrue(Layout.named("nfs-subdir", "${.PVC.name}", Set.of()) instanceof NfsSubdirPatternLayout);
    }
}
