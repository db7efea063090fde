package org.claimback.exports;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * One line of an export table: the exported path (unescaped, as written: symlinks not resolved),
 * its clients, and where it was read ({@code file}, and the {@code line} the entry starts on).
 */
public record ExportEntry(Path path, List<ClientSpec> clients, Path file, int line) {

    public ExportEntry {
        Objects.requireNonNull(path, "path");
        clients = List.copyOf(clients);
    }

    /** Whether some client sees this path as the NFSv4 pseudo-root ({@code fsid=0} or {@code fsid=root}). */
    public boolean isPseudoRoot() {
        return clients.stream().anyMatch(ClientSpec::isPseudoRoot);
    }

    /** The option's value for the first client that sets it (see {@link ClientSpec#option(String)}). */
    public Optional<String> option(String name) {
        return clients.stream().map(c -> c.option(name)).flatMap(Optional::stream).findFirst();
    }

    /** {@code FILE:LINE}, for messages. */
    public String where() {
        return file + ":" + line;
    }

    /** The clients as they would be written: {@code host(opts) host2(opts)}. */
    public String clientsText() {
        return clients.stream().map(ClientSpec::toString).collect(Collectors.joining(" "));
    }
}
