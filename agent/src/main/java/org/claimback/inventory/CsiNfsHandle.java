package org.claimback.inventory;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A csi-driver-nfs volume handle ({@code spec.csi.volumeHandle}) taken apart. The driver has
 * written three forms over its versions; {@link #parse} reads them the way the driver itself does:
 * <ul>
 *   <li>{@code server#baseDir#subDir#uuid#onDelete} (v4.x): five fields, the last two often empty
 *       ({@code nfs1#srv/nfs/csi#pvc-<uuid>##}); {@code uuid} is the PV name when the StorageClass
 *       sets {@code subDir}; {@code onDelete} is {@code retain} or {@code archive} when set.</li>
 *   <li>{@code server#baseDir#subDir} (v3.1 to v4.0): the same without the last two fields.</li>
 *   <li>{@code server/baseDir/subDir} (v2 to v3.0): split at the first and the last slash, so
 *       baseDir may hold slashes and subDir may not.</li>
 * </ul>
 * baseDir is the StorageClass {@code share} with its slashes trimmed ({@code /srv/nfs/csi} becomes
 * {@code srv/nfs/csi}, {@code /} becomes empty); subDir is the directory under it and may hold
 * slashes in the {@code #} forms (a templated {@code ${pvc.metadata.namespace}/${pvc.metadata.name}}).
 * A statically provisioned PV may use any unique string as its handle; such a handle parses to
 * nothing, or to fields that don't fit its {@code share} attribute, and is then not used.
 *
 * @param uuid     the 4th field, or empty
 * @param onDelete the 5th field, or empty
 */
public record CsiNfsHandle(String server, String baseDir, String subDir, String uuid, String onDelete) {

    private static final Pattern SLASHES = Pattern.compile("^([^/]+)/(.*)/([^/]+)$");

    /** Takes {@code handle} apart, or empty when it has none of the driver's forms. */
    public static Optional<CsiNfsHandle> parse(String handle) {
        if (handle == null || handle.isBlank()) {
            return Optional.empty();
        }
        String[] fields = handle.split("#", -1);
        if (fields.length >= 3) {
            return Optional.of(new CsiNfsHandle(fields[0], fields[1], fields[2], fields.length > 3 ? fields[3] : "",
                    fields.length > 4 ? fields[4] : ""));
        }
        Matcher m = SLASHES.matcher(handle);
        if (m.matches()) {
            return Optional.of(new CsiNfsHandle(m.group(1), m.group(2), m.group(3), "", ""));
        }
        return Optional.empty();
    }

    /** The directory on the server: {@code /baseDir/subDir}. */
    public String path() {
        return ServerPath.join("/" + baseDir, subDir);
    }
}
