package org.claimback.inventory;

import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Path;

/** The inventory files under {@code src/test/resources/inventory/}, one per scenario. */
final class Fixtures {

    private Fixtures() {
    }

    /** The fixture file {@code name}, e.g. {@code nfs-subdir-pvs.json} or {@code garbage/table.txt}. */
    static Path fixture(String name) {
        URL url = Fixtures.class.getResource("/inventory/" + name);
        if (url == null) {
            throw new AssertionError("no fixture src/test/resources/inventory/" + name);
        }
        try {
            return Path.of(url.toURI());
        } catch (URISyntaxException e) {
            throw new AssertionError(e);
        }
    }
}
