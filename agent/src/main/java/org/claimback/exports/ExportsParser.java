package org.claimback.exports;

import java.nio.charset.StandardCharsets;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads one export table the way nfs-utils' {@code getexportent()} does (see the package
 * documentation). The text holds one char per byte (ISO-8859-1); tokens are read as UTF-8 once
 * complete, after octal escapes are decoded.
 */
final class ExportsParser {

    private static final int EOF = -1;

    /** Options that take no value (nfs-utils 2.6/2.7 parseopts). */
    private static final Set<String> FLAGS = Set.of("ro", "rw", "secure", "insecure", "sync", "async", "nohide",
            "hide", "crossmnt", "nocrossmnt", "wdelay", "no_wdelay", "root_squash", "no_root_squash", "all_squash",
            "no_all_squash", "subtree_check", "no_subtree_check", "auth_nlm", "no_auth_nlm", "secure_locks",
            "insecure_locks", "acl", "no_acl", "mountpoint", "mp", "pnfs", "no_pnfs", "security_label",
            "nordirplus");
    /** Options written {@code name=value}. */
    private static final Set<String> VALUED = Set.of("anonuid", "anongid", "squash_uids", "squash_gids", "fsid",
            "mountpoint", "mp", "refer", "replicas", "sec", "reexport", "xprtsec");
    private static final Pattern ID_RANGE = Pattern.compile("\\d+(-\\d+)?");
    private static final Pattern NUMBER = Pattern.compile("-?\\d+");
    private static final Pattern FSID_NUMBER = Pattern.compile("(0[xX][0-9a-fA-F]+|0[0-7]*|[1-9]\\d*)");

    private final String text;
    private final Path file;
    private final List<ExportEntry> entries = new ArrayList<>();
    private final List<String> problems = new ArrayList<>();
    private int pos;
    private int line = 1;

    ExportsParser(String text, Path file) {
        this.text = text;
        this.file = file;
    }

    /** An error in a line; exportfs stops reading the file at most of them. */
    private static final class LineError extends Exception {
        private static final long serialVersionUID = 1L;
        final int line;
        final boolean stopsExportfs;

        LineError(int line, String message) {
            this(line, message, true);
        }

        LineError(int line, String message, boolean stopsExportfs) {
            super(message, null, false, false);
            this.line = line;
            this.stopsExportfs = stopsExportfs;
        }
    }

    ExportsTable parse() {
        while (true) {
            skipBlanks(true);
            if (pos >= text.length()) {
                break;
            }
            entry();
        }
        return new ExportsTable(entries, problems);
    }

    /** One entry: a path and its clients, up to the end of its (continued) line. */
    private void entry() {
        int entryLine = line;
        String rawPath;
        try {
            rawPath = token();
        } catch (LineError e) {
            problem(e.line, e.getMessage() + "; this entry is ignored");
            skipLine();
            return;
        }
        Path path = path(rawPath, entryLine);
        List<ClientSpec> clients = new ArrayList<>();
        List<String> defaults = new ArrayList<>();
        boolean sawDefaults = false;
        String lastDefaults = null;
        try {
            while (true) {
                skipBlanks(false);
                if (pos >= text.length() || text.charAt(pos) == '\n') {
                    break;
                }
                int tokenLine = line;
                String token = token();
                if (token.startsWith("-")) {
                    defaults.addAll(options(token.substring(1), token, tokenLine));
                    sawDefaults = true;
                    lastDefaults = token;
                    continue;
                }
                lastDefaults = null;
                clients.add(client(token, defaults, sawDefaults, rawPath, tokenLine));
            }
            if (clients.isEmpty() || lastDefaults != null) {
                // exportfs: an empty client name is everyone (client_gettype: "" is MCL_ANONYMOUS)
                clients.add(new ClientSpec("*", defaults));
                problem(entryLine, lastDefaults == null
                        ? rawPath + " has no clients: exportfs exports it " + ExportsTable.TO_EVERYONE + ", read-only; name the clients, e.g. `"
                                + rawPath + " 10.0.0.0/8(rw,sync,no_subtree_check)`"
                        : "no client after `" + lastDefaults + "`: exportfs exports " + rawPath
                                + " " + ExportsTable.TO_EVERYONE + " with these options");
            }
        } catch (LineError e) {
            problem(e.line, e.getMessage() + (e.stopsExportfs ? ": " + ExportsTable.STOPS_EXPORTFS + " " + file + " here"
                    : "; the rest of the line is ignored"));
            skipLine();
        }
        if (path != null && !clients.isEmpty()) {
            entries.add(new ExportEntry(path, clients, file, entryLine));
        }
    }

    private Path path(String raw, int entryLine) {
        if (raw.isEmpty()) {
            problem(entryLine, "empty export path `\"\"`; this entry is ignored");
            return null;
        }
        if (!raw.startsWith("/")) {
            problem(entryLine, "export path `" + raw + "` is not absolute; this entry is ignored");
            return null;
        }
        try {
            return Path.of(raw);
        } catch (InvalidPathException e) {
            problem(entryLine, "export path `" + printable(raw) + "` is not a valid path (" + e.getReason()
                    + "); this entry is ignored");
            return null;
        }
    }

    /** {@code host}, {@code host(options)} or {@code (options)} (everyone, with exportfs's warning). */
    private ClientSpec client(String token, List<String> defaults, boolean sawDefaults, String rawPath, int tokenLine)
            throws LineError {
        int open = token.indexOf('(');
        if (open < 0) {
            if (token.isEmpty()) {
                problem(tokenLine, "empty client name `\"\"`: exportfs exports " + rawPath + " " + ExportsTable.TO_EVERYONE);
                return new ClientSpec("*", defaults);
            }
            if (!sawDefaults) {
                problem(tokenLine, "`" + token + "` has no options: exportfs exports " + rawPath
                        + " to it read-only and warns; write `" + token + "(rw,sync,no_subtree_check)` or what you need");
            }
            return new ClientSpec(token, defaults);
        }
        int close = token.indexOf(')', open + 1);
        if (close != token.length() - 1) {
            throw new LineError(tokenLine, "bad option list in `" + token + "`: a client is `host(option,option)`"
                    + " with nothing after the `)`");
        }
        List<String> all = new ArrayList<>(defaults);
        all.addAll(options(token.substring(open + 1, close), token, tokenLine));
        if (open == 0) {
            problem(tokenLine, "`" + token + "` has no host name, so exportfs exports " + rawPath
                    + " " + ExportsTable.TO_EVERYONE + " with these options: remove the blank before `(` (host(options)),"
                    + " or write `*" + token + "` if everyone is meant");
            return new ClientSpec("*", all);
        }
        return new ClientSpec(token.substring(0, open), all);
    }

    /** Splits and checks an option list as exportfs's parseopts does. */
    private static List<String> options(String list, String token, int tokenLine) throws LineError {
        List<String> out = new ArrayList<>();
        String[] pieces = list.split(",", -1);
        for (int i = 0; i < pieces.length; i++) {
            String option = pieces[i].strip();
            if (option.isEmpty()) {
                if (i == pieces.length - 1 && i > 0 || list.isBlank()) {
                    continue; // "rw," and "()" are fine
                }
                throw new LineError(tokenLine, "empty option in `" + token + "` (two commas?)");
            }
            String previous = out.isEmpty() ? "" : out.get(out.size() - 1);
            if ((previous.startsWith("squash_uids=") || previous.startsWith("squash_gids="))
                    && ID_RANGE.matcher(option).matches()) {
                out.set(out.size() - 1, previous + "," + option); // squash_uids=1,5-9 is one option
                continue;
            }
            check(option, token, tokenLine);
            out.add(option);
        }
        return out;
    }

    private static void check(String option, String token, int tokenLine) throws LineError {
        int eq = option.indexOf('=');
        String name = eq < 0 ? option : option.substring(0, eq);
        String value = eq < 0 ? null : option.substring(eq + 1);
        if (value == null ? !FLAGS.contains(name) : !VALUED.contains(name)) {
            throw new LineError(tokenLine, "unknown option `" + option + "` in `" + token + "`");
        }
        boolean bad = switch (name) {
            case "anonuid", "anongid" -> !NUMBER.matcher(value).matches();
            case "fsid" -> !value.equals("root") && !FSID_NUMBER.matcher(value).matches()
                    && value.chars().filter(c -> Character.digit(c, 16) >= 0).count() != 32;
            default -> false;
        };
        if (bad) {
            throw new LineError(tokenLine, "bad value in `" + option + "` (in `" + token + "`)");
        }
    }

    // ------------------------------------------------------------------------------ characters

    /** nfs-utils' xgetc: backslash-newline is one blank, and the next line's leading blanks go. */
    private int next() {
        if (pos >= text.length()) {
            return EOF;
        }
        char c = text.charAt(pos++);
        if (c == '\\' && pos < text.length() && text.charAt(pos) == '\n') {
            pos++;
            line++;
            while (pos < text.length() && (text.charAt(pos) == ' ' || text.charAt(pos) == '\t')) {
                pos++;
            }
            return ' ';
        }
        if (c == '\n') {
            line++;
        }
        return c;
    }

    /** nfs-utils' xskip: blanks (and newlines when {@code newlines}), and comments up to the newline. */
    private void skipBlanks(boolean newlines) {
        while (true) {
            int mark = pos;
            int markLine = line;
            int c = next();
            if (c == EOF) {
                return;
            }
            if (c == '#') {
                while (pos < text.length() && text.charAt(pos) != '\n') {
                    pos++; // a comment ends at the newline, even after a backslash
                }
            } else if (!(c == ' ' || c == '\t' || c == '\r' || (newlines && c == '\n'))) {
                pos = mark;
                line = markLine;
                return;
            }
        }
    }

    /**
     * nfs-utils' xgettok: up to a blank outside quotes; quotes are dropped, {@code \ooo} below 256
     * becomes that byte. Ends before a newline.
     */
    private String token() throws LineError {
        StringBuilder tok = new StringBuilder();
        boolean quoted = false;
        int startLine = line;
        while (true) {
            int mark = pos;
            int markLine = line;
            int c = next();
            if (c == EOF) {
                if (quoted) {
                    throw new LineError(startLine, "a double quote is not closed", false);
                }
                break;
            }
            if (c == '\n' && quoted) {
                pos = mark;
                line = markLine;
                throw new LineError(startLine, "a double quote is not closed on its line (exportfs would read on into"
                        + " the next lines)", false);
            }
            if (!quoted && isSpace(c)) {
                if (c == '\n') {
                    pos = mark;
                    line = markLine;
                }
                break;
            }
            if (c == '"') {
                quoted = !quoted;
                continue;
            }
            tok.append((char) c);
            decodeOctal(tok);
        }
        return new String(tok.toString().getBytes(StandardCharsets.ISO_8859_1), StandardCharsets.UTF_8);
    }

    /** {@code \ooo} at the end of the token (value below 256) becomes that byte. */
    private static void decodeOctal(StringBuilder tok) {
        int n = tok.length();
        if (n >= 4 && tok.charAt(n - 4) == '\\' && isOctal(tok.charAt(n - 3)) && isOctal(tok.charAt(n - 2))
                && isOctal(tok.charAt(n - 1))) {
            int value = Integer.parseInt(tok.substring(n - 3), 8);
            if (value < 256) {
                tok.setLength(n - 4);
                tok.append((char) value);
            }
        }
    }

    private static boolean isOctal(char c) {
        return c >= '0' && c <= '7';
    }

    /** C's isspace. */
    private static boolean isSpace(int c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == 0x0b || c == '\f';
    }

    /** Skips the rest of the (continued) line, leaving the newline. */
    private void skipLine() {
        while (true) {
            int mark = pos;
            int markLine = line;
            int c = next();
            if (c == EOF) {
                return;
            }
            if (c == '\n') {
                pos = mark;
                line = markLine;
                return;
            }
        }
    }

    private void problem(int at, String what) {
        problems.add(file + ":" + at + ": " + what);
    }

    private static String printable(String s) {
        StringBuilder b = new StringBuilder();
        s.codePoints().forEach(cp -> {
            if (cp < 0x20 || cp == 0x7f) {
                b.append(String.format("\\%03o", cp));
            } else {
                b.appendCodePoint(cp);
            }
        });
        return b.toString();
    }
}
