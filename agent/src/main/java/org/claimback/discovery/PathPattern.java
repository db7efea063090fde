package org.claimback.discovery;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * A provisioner's path template, compiled for reading directory names back: nfs-subdir's
 * {@code pathPattern} or csi-driver-nfs's {@code subDir}. The template is split at every '/'
 * outside a token into levels (one directory name each), cleaned as Go's {@code filepath.Join}
 * cleans the path the provisioner creates: empty levels ({@code a//b}, a leading or trailing '/')
 * and {@code .} levels go; {@code ..} is refused.
 *
 * <p>Matching walks down one level at a time ({@link #step}): every way a directory name can be
 * rendered from a level is kept as a {@link State} with the token values it binds, so a token used
 * twice must have the same value both times and ambiguous names keep every reading. A level made
 * only of label or annotation tokens ({@link Level#mayBeEmpty()}) vanishes when they are all
 * empty, as the provisioner's {@code filepath.Join} drops empty path elements.
 */
final class PathPattern {

    /** Binding keys of the tokens a claim is read from; labels and annotations bind {@code label:<key>}, {@code annotation:<key>}. */
    static final String NAMESPACE = "namespace";
    static final String CLAIM_NAME = "name";
    static final String PV_NAME = "pv";

    /** The token syntax of one provisioner. */
    enum Dialect {
        NFS_SUBDIR("${.PVC.namespace}, ${.PVC.name}, ${.PVC.labels.<key>}, ${.PVC.annotations.<key>}"),
        CSI_NFS("${pvc.metadata.namespace}, ${pvc.metadata.name}, ${pv.metadata.name}");

        private final String known;

        Dialect(String known) {
            this.known = known;
        }

        /** The token written as {@code ${inner}}, or null if this dialect has none such. */
        private Token token(String text, String inner) {
            if (this == NFS_SUBDIR) {
                return switch (inner) {
                    case ".PVC.namespace" -> new Token(text, Kind.NAMESPACE, NAMESPACE);
                    case ".PVC.name" -> new Token(text, Kind.CLAIM_NAME, CLAIM_NAME);
                    default -> keyed(text, inner, ".PVC.labels.", Kind.LABEL, "label:",
                            keyed(text, inner, ".PVC.annotations.", Kind.ANNOTATION, "annotation:", null));
                };
            }
            return switch (inner) {
                case "pvc.metadata.namespace" -> new Token(text, Kind.NAMESPACE, NAMESPACE);
                case "pvc.metadata.name" -> new Token(text, Kind.CLAIM_NAME, CLAIM_NAME);
                case "pv.metadata.name" -> new Token(text, Kind.PV_NAME, PV_NAME);
                default -> null;
            };
        }

        private static Token keyed(String text, String inner, String prefix, Kind kind, String keyPrefix, Token otherwise) {
            return inner.startsWith(prefix) && inner.length() > prefix.length()
                    ? new Token(text, kind, keyPrefix + inner.substring(prefix.length()))
                    : otherwise;
        }
    }

    /** What values a token takes. */
    enum Kind {
        /** A namespace: a DNS-1123 label. */
        NAMESPACE(KubernetesNames.NAMESPACE_MAX),
        /** A claim name: a DNS-1123 subdomain. */
        CLAIM_NAME(KubernetesNames.NAME_MAX),
        /** A provisioned PV name, {@code pvc-<uuid>}. */
        PV_NAME(KubernetesNames.PROVISIONED_PV_LENGTH),
        /** A label value, possibly empty (a missing label renders empty). */
        LABEL(63),
        /** An annotation value, possibly empty; claimback supports values without '/'. */
        ANNOTATION(Integer.MAX_VALUE);

        private final int maxLength;

        Kind(int maxLength) {
            this.maxLength = maxLength;
        }

        boolean mayBeEmpty() {
            return this == LABEL || this == ANNOTATION;
        }

        /** Whether {@code value} is one this token can render. */
        boolean accepts(String value) {
            return switch (this) {
                case NAMESPACE -> KubernetesNames.isNamespace(value);
                case CLAIM_NAME -> KubernetesNames.isPvcName(value);
                case PV_NAME -> KubernetesNames.isProvisionedPvName(value);
                case LABEL -> value.isEmpty() || (isAlnum(value.charAt(0)) && isAlnum(value.charAt(value.length() - 1)));
                case ANNOTATION -> true;
            };
        }

        /** Whether {@code c} at index {@code length - 1} still allows a valid value of this kind, so longer values are worth trying. */
        boolean allows(char c, int length) {
            if (length > maxLength) {
                return false;
            }
            return switch (this) {
                case NAMESPACE -> (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-';
                case CLAIM_NAME, PV_NAME -> (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '.';
                case LABEL -> isAlnum(c) || c == '-' || c == '_' || c == '.';
                case ANNOTATION -> !Character.isISOControl(c) && c != '\uFFFD';
            };
        }

        private static boolean isAlnum(char c) {
            return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
        }
    }

    /** A piece of a level: literal text or a token. */
    sealed interface Part permits Literal, Token {
    }

    record Literal(String text) implements Part {
    }

    /**
     * @param text the token as written, e.g. {@code ${.PVC.name}}
     * @param key  what it binds: {@link #NAMESPACE}, {@link #CLAIM_NAME}, {@link #PV_NAME},
     *             {@code label:<key>} or {@code annotation:<key>}
     */
    record Token(String text, Kind kind, String key) implements Part {
    }

    /**
     * One level of the template: one directory name.
     *
     * @param text  the level as written in the template
     * @param parts literals and tokens, adjacent literals merged
     */
    record Level(String text, List<Part> parts) {

        /** Whether the level is made only of label and annotation tokens, so it vanishes when they are all empty. */
        boolean mayBeEmpty() {
            return parts.stream().allMatch(p -> p instanceof Token t && t.kind().mayBeEmpty());
        }
    }

    /**
     * Where a walk down the tree stands: the next level to match and the token values bound so far.
     */
    record State(int next, Map<String, String> bindings) {
    }

    private final String text;
    private final List<Level> levels;

    private PathPattern(String text, List<Level> levels) {
        this.text = text;
        this.levels = List.copyOf(levels);
    }

    /**
     * Compiles a template.
     *
     * @throws IllegalArgumentException with one line naming what is wrong: an unknown token, an
     *                                  unclosed <code>${</code>, a {@code ..} level, a hidden level, no level at all
     */
    static PathPattern compile(String text, Dialect dialect) {
        Objects.requireNonNull(text, "pattern");
        Objects.requireNonNull(dialect, "dialect");
        List<List<Part>> raw = new ArrayList<>();
        List<StringBuilder> rawText = new ArrayList<>();
        raw.add(new ArrayList<>());
        rawText.add(new StringBuilder());
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (c == '\0') {
                throw invalid(text, "a NUL character can't be in a directory name");
            }
            if (text.startsWith("${", i)) {
                int close = text.indexOf('}', i + 2);
                if (close < 0) {
                    throw invalid(text, "\"${\" at character " + (i + 1) + " has no closing \"}\"");
                }
                String tokenText = text.substring(i, close + 1);
                Token token = dialect.token(tokenText, text.substring(i + 2, close));
                if (token == null) {
                    throw invalid(text, "unknown token " + tokenText + ": the " + name(dialect) + " tokens are "
                            + dialect.known);
                }
                raw.get(raw.size() - 1).add(token);
                rawText.get(rawText.size() - 1).append(tokenText);
                i = close + 1;
            } else if (c == '/') {
                raw.add(new ArrayList<>());
                rawText.add(new StringBuilder());
                i++;
            } else {
                appendLiteral(raw.get(raw.size() - 1), String.valueOf(c));
                rawText.get(rawText.size() - 1).append(c);
                i++;
            }
        }
        List<Level> levels = new ArrayList<>();
        for (int l = 0; l < raw.size(); l++) {
            List<Part> parts = raw.get(l);
            String levelText = rawText.get(l).toString();
            if (parts.isEmpty() || levelText.equals(".")) {
                continue;
            }
            if (levelText.equals("..")) {
                throw invalid(text, "a \"..\" level would leave the export root");
            }
            if (parts.get(0) instanceof Literal literal && literal.text().startsWith(".")) {
                throw invalid(text, "level " + Quoting.quote(levelText)
                        + " makes hidden directories (starting with '.'), which discovery skips");
            }
            levels.add(new Level(levelText, List.copyOf(parts)));
        }
        if (levels.isEmpty()) {
            throw invalid(text, "names no directory below the export root");
        }
        return new PathPattern(text, levels);
    }

    private static void appendLiteral(List<Part> parts, String s) {
        if (!parts.isEmpty() && parts.get(parts.size() - 1) instanceof Literal last) {
            parts.set(parts.size() - 1, new Literal(last.text() + s));
        } else {
            parts.add(new Literal(s));
        }
    }

    private static String name(Dialect dialect) {
        return dialect == Dialect.NFS_SUBDIR ? "nfs-subdir pathPattern" : "csi-nfs subDir";
    }

    private static IllegalArgumentException invalid(String text, String problem) {
        return new IllegalArgumentException("pattern " + Quoting.quote(text) + ": " + problem);
    }

    /** The template as given. */
    String text() {
        return text;
    }

    List<Level> levels() {
        return levels;
    }

    /** Where a walk starts: above the first level, nothing bound. */
    State start() {
        return new State(0, Map.of());
    }

    /**
     * Every state after reading the directory {@code name} below {@code state}: the name matched
     * against the next level or, where levels may vanish, against a later one (their tokens bound
     * to "").
     */
    List<State> step(State state, String name) {
        List<State> out = new ArrayList<>();
        Map<String, String> bindings = state.bindings();
        for (int l = state.next(); l < levels.size() && bindings != null; l++) {
            Level level = levels.get(l);
            for (Map<String, String> b : match(level, name, bindings)) {
                out.add(new State(l + 1, b));
            }
            if (!level.mayBeEmpty()) {
                break;
            }
            bindings = vanished(level, bindings);
        }
        return out;
    }

    /**
     * The bindings of a whole volume path ending at {@code state}: every level left may vanish
     * (their tokens bound to ""); null if one can't.
     */
    Map<String, String> complete(State state) {
        Map<String, String> bindings = state.bindings();
        for (int l = state.next(); l < levels.size() && bindings != null; l++) {
            bindings = levels.get(l).mayBeEmpty() ? vanished(levels.get(l), bindings) : null;
        }
        return bindings;
    }

    /** Whether a directory below {@code state} can still be read: some level left can be present. */
    boolean continues(State state) {
        Map<String, String> bindings = state.bindings();
        for (int l = state.next(); l < levels.size() && bindings != null; l++) {
            Level level = levels.get(l);
            Map<String, String> current = bindings;
            boolean allBoundEmpty = level.mayBeEmpty() && level.parts().stream()
                    .allMatch(p -> "".equals(boundValue(p, current)));
            if (!allBoundEmpty) {
                return true;
            }
            bindings = vanished(level, bindings);
        }
        return false;
    }

    /** The level text a name below {@code state} is read against first (for messages). */
    String expected(State state) {
        return state.next() < levels.size() ? levels.get(state.next()).text() : "";
    }

    private static String boundValue(Part part, Map<String, String> bindings) {
        return part instanceof Token t ? bindings.get(t.key()) : null;
    }

    /** The bindings with every token of a vanished level bound to ""; null if one is bound to something else. */
    private static Map<String, String> vanished(Level level, Map<String, String> bindings) {
        Map<String, String> out = new LinkedHashMap<>(bindings);
        for (Part part : level.parts()) {
            Token token = (Token) part;
            String before = out.putIfAbsent(token.key(), "");
            if (before != null && !before.isEmpty()) {
                return null;
            }
        }
        return Map.copyOf(out);
    }

    /** Every extension of {@code bindings} under which {@code level} renders exactly {@code name}. */
    static List<Map<String, String>> match(Level level, String name, Map<String, String> bindings) {
        Set<Map<String, String>> out = new LinkedHashSet<>();
        match(level.parts(), 0, name, 0, new LinkedHashMap<>(bindings), out);
        return List.copyOf(out);
    }

    private static void match(List<Part> parts, int index, String name, int from, Map<String, String> bindings,
                              Set<Map<String, String>> out) {
        if (index == parts.size()) {
            if (from == name.length()) {
                out.add(Map.copyOf(bindings));
            }
            return;
        }
        Part part = parts.get(index);
        if (part instanceof Literal literal) {
            if (name.startsWith(literal.text(), from)) {
                match(parts, index + 1, name, from + literal.text().length(), bindings, out);
            }
            return;
        }
        Token token = (Token) part;
        String bound = bindings.get(token.key());
        if (bound != null) {
            if (name.startsWith(bound, from)) {
                match(parts, index + 1, name, from + bound.length(), bindings, out);
            }
            return;
        }
        Literal next = index + 1 < parts.size() && parts.get(index + 1) instanceof Literal l ? l : null;
        for (int end = from; end <= name.length(); end++) {
            if (end > from && !token.kind().allows(name.charAt(end - 1), end - from)) {
                break;
            }
            if (next != null && !name.startsWith(next.text(), end)) {
                continue;
            }
            String value = name.substring(from, end);
            if (token.kind().accepts(value)) {
                bindings.put(token.key(), value);
                match(parts, index + 1, name, end, bindings, out);
                bindings.remove(token.key());
            }
        }
    }

    @Override
    public String toString() {
        return text;
    }
}
