package org.claimback.exports;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One client of an export: the host as written ({@code *} for everyone, a name, a wildcard such as
 * {@code *.example.com}, an address or network such as {@code 10.0.0.0/8} or {@code [::1]}, a
 * netgroup {@code @group}) and its options in the order exportfs applies them: the line's
 * {@code -defaults} first, then the client's own.
 */
public record ClientSpec(String host, List<String> options) {

    public ClientSpec {
        Objects.requireNonNull(host, "host");
        options = List.copyOf(options);
    }

    /**
     * The value of option {@code name}: the last {@code name=value} wins, a bare flag
     * ({@code rw}, {@code no_root_squash}) gives "". Empty when the option is not given.
     */
    public Optional<String> option(String name) {
        for (int i = options.size() - 1; i >= 0; i--) {
            String option = options.get(i);
            if (option.equals(name)) {
                return Optional.of("");
            }
            if (option.startsWith(name + "=")) {
                return Optional.of(option.substring(name.length() + 1));
            }
        }
        return Optional.empty();
    }

    /** Whether this client sees the export as the NFSv4 pseudo-root: {@code fsid=0} or {@code fsid=root}. */
    public boolean isPseudoRoot() {
        return option("fsid").map(ClientSpec::isZeroFsid).orElse(false);
    }

    /** exportfs reads fsid numbers with strtoul(..., 0): 0, 00 and 0x0 are all zero. */
    private static boolean isZeroFsid(String value) {
        if (value.equals("root")) {
            return true;
        }
        String digits = value.startsWith("0x") || value.startsWith("0X") ? value.substring(2) : value;
        return !digits.isEmpty() && digits.chars().allMatch(c -> c == '0');
    }

    /** {@code host(option,option)}, as it would be written in /etc/exports. */
    @Override
    public String toString() {
        return host + "(" + String.join(",", options) + ")";
    }
}
