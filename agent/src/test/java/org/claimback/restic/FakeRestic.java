package org.claimback.restic;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * A bash script standing in for restic, only for what real restic cannot be made to do on
 * demand (an old version, a recorded argv). It answers {@code version} as {@code version} and
 * runs {@code body} for everything else.
 */
final class FakeRestic {
    private FakeRestic() {}

    static Path write(Path dir, String version, String body) throws IOException {
        Path script = dir.resolve("fake-restic");
        Files.writeString(script, "#!/bin/bash\n"
                + "if [ \"$1\" = version ]; then echo 'restic " + version + " compiled with go1.24.4 on linux/amd64'; exit 0; fi\n"
                + body + "\n");
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
        return script;
    }
}
