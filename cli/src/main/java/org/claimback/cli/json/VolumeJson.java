package org.claimback.cli.json;

import org.claimback.catalog.VolumeRecord;

/** One PV directory of a claim: {@code state} is live, archived or missing; {@code current} marks where backups go. */
public record VolumeJson(String path, String pv, String layout, String state, boolean current) {
    public static VolumeJson of(VolumeRecord v) {
        return new VolumeJson(v.path(), v.pvName(), v.layout(), v.state(), v.current());
    }
}
