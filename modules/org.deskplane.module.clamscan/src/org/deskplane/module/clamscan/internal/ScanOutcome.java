package org.deskplane.module.clamscan.internal;

import java.util.List;

/** What one clamscan run found: nothing, detections, or that it could not scan (with why). */
record ScanOutcome(Kind kind, List<Detection> detections, String failure) {

    enum Kind { CLEAN, INFECTED, FAILED }

    static ScanOutcome clean() {
        return new ScanOutcome(Kind.CLEAN, List.of(), null);
    }

    static ScanOutcome infected(List<Detection> detections) {
        return new ScanOutcome(Kind.INFECTED, List.copyOf(detections), null);
    }

    static ScanOutcome failed(String why) {
        return new ScanOutcome(Kind.FAILED, List.of(), why);
    }
}
