package org.claimback.config;

import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;

/**
 * How claimback writes YAML meant for people and for kubectl (the config in the runbook, static
 * PV manifests): no {@code ---} start marker (callers join documents themselves), quotes only
 * where YAML needs them, numbers-as-strings quoted so they stay strings, list items indented.
 */
public final class YamlOutput {
    public static final YAMLMapper MAPPER = YAMLMapper.builder()
            .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
            .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
            .enable(YAMLGenerator.Feature.ALWAYS_QUOTE_NUMBERS_AS_STRINGS)
            .enable(YAMLGenerator.Feature.INDENT_ARRAYS_WITH_INDICATOR)
            .build();

    private YamlOutput() {}
}
