package org.claimback.cli.json;

import org.claimback.dumprestore.RestoredDump;

/**
 * {@code claimback restore CLAIM --dump NAME --to FILE --json}: the dump written, where, and its
 * run. {@code file} is the absolute path written; {@code bytes} equals {@code dump.bytes} (or the
 * snapshot's file size when the catalogue did not know it); {@code movedAside} is where the file
 * that was there went ({@code --force}), else null. A failure prints {@code {"error": ...}} instead.
 */
public record DumpRestoreJson(
        String claimKey,
        String namespace,
        String name,
        DumpJson dump,
        String file,
        long bytes,
        String movedAside,
        long runId,
        String state,
        double durationSeconds) {

    public static DumpRestoreJson of(RestoredDump r) {
        return new DumpRestoreJson(r.claim().claimKey(), r.claim().namespace(), r.claim().name(), DumpJson.of(r.dump()),
                r.file().toString(), r.bytes(), r.movedAside() == null ? null : r.movedAside().toString(), r.runId(), "ok",
                r.duration().toMillis() / 1000.0);
    }
}
