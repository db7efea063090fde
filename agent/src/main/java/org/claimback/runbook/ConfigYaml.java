package org.claimback.runbook;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.UncheckedIOException;
import org.claimback.config.Config;
import org.claimback.config.ExportConfig;
import org.claimback.config.YamlOutput;
import org.claimback.restic.Restic;

/** The config as YAML to put back: every key with its value, the repository without credentials, no password. */
final class ConfigYaml {

    private ConfigYaml() {}

    static String of(Config config) {
        ObjectNode root = JsonNodeFactory.instance.objectNode();
        ArrayNode exports = root.putArray("exports");
        for (ExportConfig e : config.exports()) {
            ObjectNode export = exports.addObject();
            export.put("path", e.path().toString());
            export.put("layout", e.layout());
            if (e.pattern() != null) {
                export.put("pattern", e.pattern());
            }
        }
        root.put("repository", Restic.redact(config.repository()));
        root.put("passwordFile", config.passwordFile().toString());
        root.put("catalog", config.catalog().toString());
        root.put("host", config.host());
        if (!config.namespaces().isEmpty()) {
            ArrayNode namespaces = root.putArray("namespaces");
            config.namespaces().forEach(namespaces::add);
        }
        if (!config.inventoryFiles().isEmpty()) {
            ArrayNode files = root.putObject("inventory").putArray("files");
            config.inventoryFiles().forEach(f -> files.add(f.toString()));
        }
        if (config.schedule() != null && config.schedule().backup() != null) {
            root.putObject("schedule").put("backup", config.schedule().backup());
        }
        if (config.restic() != null) {
            ObjectNode restic = root.putObject("restic");
            if (config.restic().binary() != null) {
                restic.put("binary", config.restic().binary().toString());
            }
            if (config.restic().cacheDir() != null) {
                restic.put("cacheDir", config.restic().cacheDir().toString());
            }
        }
        try {
            return YamlOutput.MAPPER.writeValueAsString(root);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
