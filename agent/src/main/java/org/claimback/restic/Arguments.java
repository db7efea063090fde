package org.claimback.restic;

import java.util.List;

/** Checks on values that become restic arguments, so that none can be read as a flag or split. */
final class Arguments {
    private Arguments() {}

    static String requireValue(String name, String value) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(name + " must not be empty");
        }
        return value;
    }

    /** A positional argument: also must not start with '-' (restic would read it as a flag). */
    static String requirePositional(String name, String value) {
        requireValue(name, value);
        if (value.startsWith("-") || value.chars().anyMatch(Character::isWhitespace)) {
            throw new IllegalArgumentException(name + " must not start with '-' or contain spaces: " + value);
        }
        return value;
    }

    static List<String> tags(List<String> tags) {
        if (tags == null) {
            return List.of();
        }
        for (String tag : tags) {
            requireValue("a tag", tag);
            if (tag.contains(",")) {
                throw new IllegalArgumentException("a tag must not contain ',' (restic splits tags at commas): " + tag);
            }
        }
        return List.copyOf(tags);
    }
}
