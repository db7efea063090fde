package org.claimback.exports;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** exports(5) lines as people write them, read the way exportfs reads them. */
class ExportsTableTest {
    private static final Path FILE = Path.of("/etc/exports");

    @TempDir
    Path tmp;

    /** "LINE:PATH -> host(opts) host(opts)", one entry a line. */
    private static String render(ExportsTable table) {
        return table.entries().stream().map(e -> e.line() + ":" + e.path() + " -> " + e.clientsText())
                .collect(Collectors.joining("\n"));
    }

    private static Arguments line(String name, String text, String expected, String... problems) {
        return Arguments.of(name, text, expected, List.of(problems));
    }

    static Stream<Arguments> tables() {
        return Stream.of(
                line("one export, one client", "/srv/nfs/k8s 10.0.0.0/8(rw,sync,no_subtree_check)\n",
                        "1:/srv/nfs/k8s -> 10.0.0.0/8(rw,sync,no_subtree_check)"),
                line("no newline at the end", "/srv/a *(rw)", "1:/srv/a -> *(rw)"),
                line("comment after the entry", "/srv/a *(rw,sync) # the k8s export\n", "1:/srv/a -> *(rw,sync)"),
                line("comment right after the path", "/srv/a #*(rw)\n/srv/b *(ro)\n",
                        "1:/srv/a -> *()\n2:/srv/b -> *(ro)", "/etc/exports:1: /srv/a has no clients"),
                line("comment lines, blank lines and indentation",
                        "# /etc/exports: the access control list\n\n   \n\t# indented comment\n  /srv/a  *(rw)\n",
                        "5:/srv/a -> *(rw)"),
                line("# inside quotes is part of the path", "\"/srv/with #hash\" *(rw)\n", "1:/srv/with #hash -> *(rw)"),
                line("# inside a token is part of the path", "/srv/a#b *(rw)\n", "1:/srv/a#b -> *(rw)"),
                line("# glued to a client is a bad option list", "/srv/a *(rw)#note\n/srv/b *(rw)\n",
                        "2:/srv/b -> *(rw)", "/etc/exports:1: bad option list in `*(rw)#note`", "exportfs stops reading"),
                line("continued lines", "/srv/a \\\n    host1(rw) \\\n    host2(ro)\n/srv/b *(rw)\n",
                        "1:/srv/a -> host1(rw) host2(ro)\n4:/srv/b -> *(rw)"),
                line("continuation right after the path", "/srv/a\\\n\thost1(rw)\n", "1:/srv/a -> host1(rw)"),
                line("continuation inside quotes becomes one blank", "\"/srv/a\\\n   b\" *(rw)\n", "1:/srv/a b -> *(rw)"),
                line("a comment after a continuation ends the entry",
                        "/srv/a h1(rw) \\\n  # h2(rw)\n/srv/b *(rw)\n", "1:/srv/a -> h1(rw)\n3:/srv/b -> *(rw)"),
                line("a backslash at the end of a comment continues nothing", "# old: /srv/x \\\n/srv/a *(rw)\n",
                        "2:/srv/a -> *(rw)"),
                line("\\040 is a space", "/srv/k8s\\040vols *(rw)\n", "1:/srv/k8s vols -> *(rw)"),
                line("\\043 is a # and \\134 a backslash", "/srv/a\\043b\\134c *(rw)\n", "1:/srv/a#b\\c -> *(rw)"),
                line("octal escapes are UTF-8 bytes", "/srv/caf\\303\\251 *(rw)\n", "1:/srv/café -> *(rw)"),
                line("UTF-8 as is", "/srv/café *(rw)\n", "1:/srv/café -> *(rw)"),
                line("a backslash that is no escape stays", "/srv/a\\b *(rw)\n", "1:/srv/a\\b -> *(rw)"),
                line("\\777 is above 255 and stays", "/srv/a\\777 *(rw)\n", "1:/srv/a\\777 -> *(rw)"),
                line("quoted path with blanks", "\"/srv/k8s vols\" *(rw)\n", "1:/srv/k8s vols -> *(rw)"),
                line("quotes around part of a path", "/srv/\"k8s vols\"/x *(rw)\n", "1:/srv/k8s vols/x -> *(rw)"),
                line("escapes in a client", "/srv/a my\\040host(rw)\n", "1:/srv/a -> my host(rw)"),
                line("several clients", "/srv/a 10.0.0.1(rw) 10.0.0.2(ro,sync) *.example.com(rw,no_root_squash)\n",
                        "1:/srv/a -> 10.0.0.1(rw) 10.0.0.2(ro,sync) *.example.com(rw,no_root_squash)"),
                line("tabs between clients", "/srv/a\t\thost1(rw)\thost2(ro)\n", "1:/srv/a -> host1(rw) host2(ro)"),
                line("-options are defaults for the line", "/srv/a -rw,sync host1 host2(ro)\n",
                        "1:/srv/a -> host1(rw,sync) host2(rw,sync,ro)"),
                line("-options between clients apply to the ones after",
                        "/srv/a host1(ro) -rw,no_subtree_check host2 host3(sync)\n",
                        "1:/srv/a -> host1(ro) host2(rw,no_subtree_check) host3(rw,no_subtree_check,sync)"),
                line("-options do not reach the next line", "/srv/a -rw host1\n/srv/b host2(ro)\n",
                        "1:/srv/a -> host1(rw)\n2:/srv/b -> host2(ro)"),
                line("NFSv4 pseudo-root and an export under it",
                        "/srv/nfs4      *(rw,fsid=0,no_subtree_check,crossmnt)\n/srv/nfs4/k8s  *(rw,nohide,no_subtree_check)\n",
                        "1:/srv/nfs4 -> *(rw,fsid=0,no_subtree_check,crossmnt)\n2:/srv/nfs4/k8s -> *(rw,nohide,no_subtree_check)"),
                line("IPv6 clients", "/srv/a [::1](rw) 2001:db8::/32(ro) [fe80::1%eth0](rw)\n",
                        "1:/srv/a -> [::1](rw) 2001:db8::/32(ro) [fe80::1%eth0](rw)"),
                line("netgroups and wildcards", "/srv/a @trusted(rw) *.example.com(rw) node?.lan(ro) gpu[0-9].lan(rw)\n",
                        "1:/srv/a -> @trusted(rw) *.example.com(rw) node?.lan(ro) gpu[0-9].lan(rw)"),
                line("empty option list", "/srv/a host()\n", "1:/srv/a -> host()"),
                line("trailing comma", "/srv/a host(rw,sync,)\n", "1:/srv/a -> host(rw,sync)"),
                line("blanks after commas", "/srv/a \"host(rw, sync)\"\n", "1:/srv/a -> host(rw,sync)"),
                line("squash_uids lists stay one option", "/srv/a h(squash_uids=0-15,20,25-50,rw)\n",
                        "1:/srv/a -> h(squash_uids=0-15,20,25-50,rw)"),
                line("uuid fsid", "/srv/a h(fsid=2f4a7c1e-0b1d-4c3e-9a8b-7d6e5f4a3b2c)\n",
                        "1:/srv/a -> h(fsid=2f4a7c1e-0b1d-4c3e-9a8b-7d6e5f4a3b2c)"),
                line("Windows line ends", "/srv/a *(rw)\r\n/srv/b *(ro)\r\n", "1:/srv/a -> *(rw)\n2:/srv/b -> *(ro)"),
                line("the same path on two lines stays two entries", "/srv/a h1(rw)\n/srv/a h2(ro)\n",
                        "1:/srv/a -> h1(rw)\n2:/srv/a -> h2(ro)"),
                line("a blank before ( exports to everyone, as exportfs does", "/srv/a host (rw)\n",
                        "1:/srv/a -> host() *(rw)", "/etc/exports:1: `host` has no options",
                        "/etc/exports:1: `(rw)` has no host name, so exportfs exports /srv/a to everyone (*)"),
                line("a bare host gets the defaults, and a warning", "/srv/a host\n", "1:/srv/a -> host()",
                        "`host` has no options"),
                line("a bare host after -options is no warning", "/srv/a -rw host\n", "1:/srv/a -> host(rw)"),
                line("a path alone is exported to everyone", "/srv/a\n", "1:/srv/a -> *()", "/srv/a has no clients"),
                line("-options last export to everyone", "/srv/a host(ro) -rw\n", "1:/srv/a -> host(ro) *(rw)",
                        "no client after `-rw`: exportfs exports /srv/a to everyone (*)"),
                line("an unknown option is an error, the next line is read", "/srv/a host(rx)\n/srv/b *(rw)\n",
                        "2:/srv/b -> *(rw)", "/etc/exports:1: unknown option `rx` in `host(rx)`: exportfs stops reading /etc/exports here"),
                line("clients before an error are kept", "/srv/a h1(rw) h2(bogus) h3(rw)\n", "1:/srv/a -> h1(rw)",
                        "unknown option `bogus`"),
                line("an error in -options", "/srv/a -rw,nope h1\n", "", "unknown option `nope` in `-rw,nope`"),
                line("no closing paren", "/srv/a host(rw\n/srv/b *(rw)\n", "2:/srv/b -> *(rw)", "bad option list in `host(rw`"),
                line("two option lists", "/srv/a host(rw)(ro)\n", "", "bad option list in `host(rw)(ro)`"),
                line("two commas", "/srv/a host(rw,,sync)\n", "", "empty option in `host(rw,,sync)`"),
                line("bad anonuid", "/srv/a host(anonuid=nobody)\n", "", "bad value in `anonuid=nobody`"),
                line("bad fsid", "/srv/a host(fsid=abc)\n", "", "bad value in `fsid=abc`"),
                line("a relative path is ignored", "srv/a *(rw)\n/srv/b *(rw)\n", "2:/srv/b -> *(rw)",
                        "/etc/exports:1: export path `srv/a` is not absolute"),
                line("an unclosed quote ends at the line end", "\"/srv/a *(rw)\n/srv/b *(rw)\n", "2:/srv/b -> *(rw)",
                        "/etc/exports:1: a double quote is not closed on its line"),
                line("an unclosed quote in a client", "/srv/a \"host(rw)\n/srv/b *(rw)\n", "2:/srv/b -> *(rw)",
                        "/etc/exports:1: a double quote is not closed on its line"),
                line("an empty file", "", ""),
                line("only comments", "# nothing exported yet\n#/srv/a *(rw)\n", ""));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("tables")
    void should_read_lines_as_exportfs_does(String name, String text, String expected, List<String> problems) {
        ExportsTable table = ExportsTable.parse(text, FILE);

        String message = "input:\n" + text + "\nentries:\n" + render(table) + "\nproblems:\n" + String.join("\n", table.problems());
        assertEquals(expected, render(table), message);
        for (String problem : problems) {
            assertTrue(table.problems().stream().anyMatch(p -> p.contains(problem)), () -> "expected a problem with '"
                    + problem + "'\n" + message);
        }
        if (problems.isEmpty()) {
            assertEquals(List.of(), table.problems(), message);
        }
    }

    @Test
    void should_tell_the_pseudo_root_by_fsid_0_or_root() {
        ExportsTable table = ExportsTable.parse("/a *(fsid=0)\n/b h(rw) *(ro,fsid=root)\n/c *(fsid=0x0)\n/d *(fsid=00)\n"
                + "/e *(fsid=1)\n/f *(rw)\n/g -fsid=0 h\n/h *(fsid=10)\n", FILE);

        List<String> pseudoRoots = table.entries().stream().filter(ExportEntry::isPseudoRoot)
                .map(e -> e.path().toString()).toList();
        assertEquals(List.of("/a", "/b", "/c", "/d", "/g"), pseudoRoots);
    }

    @Test
    void should_give_the_last_value_of_an_option() {
        ClientSpec client = ExportsTable.parse("/a -ro,anonuid=1000 h(rw,anonuid=65534,no_root_squash)\n", FILE)
                .entries().get(0).clients().get(0);

        assertEquals(Optional.of("65534"), client.option("anonuid"));
        assertEquals(Optional.of(""), client.option("no_root_squash"));
        assertEquals(Optional.of(""), client.option("ro"), "a flag from the defaults is there too");
        assertEquals(Optional.empty(), client.option("fsid"));
        assertEquals(Optional.empty(), client.option("anon"), "no prefix matches");
    }

    @Test
    void should_find_the_entry_that_covers_a_directory() {
        ExportsTable table = ExportsTable.parse("/srv/nfs4 *(fsid=0)\n/srv/nfs4/k8s *(rw)\n/data/ *(rw)\n", FILE);

        assertEquals("/srv/nfs4/k8s", table.covering(Path.of("/srv/nfs4/k8s")).orElseThrow().path().toString());
        assertEquals("/srv/nfs4/k8s", table.covering(Path.of("/srv/nfs4/k8s/sub/dir")).orElseThrow().path().toString());
        assertEquals("/srv/nfs4", table.covering(Path.of("/srv/nfs4/other")).orElseThrow().path().toString());
        assertEquals(3, table.covering(Path.of("/data/x")).orElseThrow().line(), "a trailing slash is the same path");
        assertFalse(table.covering(Path.of("/srv/nfs")).isPresent(), "/srv/nfs4 is not /srv/nfs");
        assertFalse(table.covering(Path.of("/srv")).isPresent());
    }

    @Test
    void should_read_exports_then_exports_d_in_version_order() throws Exception {
        Path etc = Files.createDirectories(tmp.resolve("etc"));
        Path d = Files.createDirectories(etc.resolve("exports.d"));
        Files.writeString(etc.resolve("exports"), "# main\n/srv/main *(rw)\n");
        Files.writeString(d.resolve("20-b.exports"), "/srv/b *(rw)\n");
        Files.writeString(d.resolve("9-z.exports"), "/srv/z *(rw)\n");
        Files.writeString(d.resolve("10-a.exports"), "\n/srv/a *(rw)\n/srv/a2 h(bad)\n");
        Files.writeString(d.resolve(".hidden.exports"), "/srv/hidden *(rw)\n");
        Files.writeString(d.resolve("notes.txt"), "/srv/txt *(rw)\n");
        Files.writeString(d.resolve("c.exports.bak"), "/srv/bak *(rw)\n");
        Files.writeString(d.resolve(".exports"), "/srv/noname *(rw)\n");
        Files.createDirectories(d.resolve("dir.exports"));

        ExportsTable table = ExportsTable.read(etc.resolve("exports"), d);

        assertEquals("2:/srv/main -> *(rw)\n1:/srv/z -> *(rw)\n2:/srv/a -> *(rw)\n1:/srv/b -> *(rw)", render(table));
        assertEquals(List.of(etc.resolve("exports"), d.resolve("9-z.exports"), d.resolve("10-a.exports"), d.resolve("20-b.exports")),
                table.entries().stream().map(ExportEntry::file).toList());
        assertEquals(List.of(d.resolve("10-a.exports") + ":3: unknown option `bad` in `h(bad)`: exportfs stops reading "
                + d.resolve("10-a.exports") + " here"), table.problems());
        assertEquals(d.resolve("20-b.exports") + ":1", table.entries().get(3).where());
    }

    @Test
    void should_order_names_as_versionsort_does() {
        List<String> names = new java.util.ArrayList<>(List.of("b.exports", "10-k8s.exports", "9-k8s.exports", "a.exports",
                "01-x.exports", "1-x.exports", "k8s-2.exports", "k8s-10.exports", "K.exports"));
        names.sort(ExportsTable::versionOrder);

        assertEquals(List.of("01-x.exports", "1-x.exports", "9-k8s.exports", "10-k8s.exports", "K.exports", "a.exports",
                "b.exports", "k8s-2.exports", "k8s-10.exports"), names);
    }

    @Test
    void should_read_missing_files_as_an_empty_table() {
        ExportsTable table = ExportsTable.read(tmp.resolve("no/exports"), tmp.resolve("no/exports.d"));

        assertEquals(List.of(), table.entries());
        assertEquals(List.of(), table.problems());
    }

    @Test
    void should_read_exports_d_without_etc_exports() throws Exception {
        Path d = Files.createDirectories(tmp.resolve("exports.d"));
        Files.writeString(d.resolve("k8s.exports"), "/srv/k8s *(rw)\n");

        assertEquals("1:/srv/k8s -> *(rw)", render(ExportsTable.read(tmp.resolve("exports"), d)));
    }

    @Test
    void should_report_an_exports_d_that_is_a_file() throws Exception {
        Path notDir = Files.writeString(tmp.resolve("exports.d"), "x");

        ExportsTable table = ExportsTable.read(tmp.resolve("exports"), notDir);

        assertEquals(List.of(notDir + ": not a directory: exportfs reads *.exports files from a directory here"),
                table.problems());
    }

    @Test
    void should_keep_bytes_that_are_not_utf8_readable_as_problems_never_exceptions() throws Exception {
        Path file = tmp.resolve("exports");
        Files.write(file, new byte[] {'/', 's', (byte) 0xff, ' ', '*', '(', 'r', 'w', ')', '\n', '/', 'a', '\\', '0', '0', '0',
            ' ', '*', '(', 'r', 'w', ')', '\n'});

        ExportsTable table = ExportsTable.read(file, tmp.resolve("none"));

        assertEquals(1, table.entries().size(), () -> render(table) + "\n" + table.problems());
        assertEquals(List.of(file + ":2: export path `/a\\000` is not a valid path (Nul character not allowed); this entry is ignored"),
                table.problems());
    }
}
