package org.deskplane.delivery.qga.internal;

import org.deskplane.delivery.api.PayloadFile;
import org.deskplane.delivery.api.PayloadManifest;

/** The {@code sha256sum -c} list of a payload: one {@code <digest>  ./<path>} line per file of the manifest. */
final class Checksums {

    private Checksums() {
    }

    static String of(PayloadManifest manifest) {
        StringBuilder out = new StringBuilder();
        for (PayloadFile file : manifest.files()) {
            // payload paths have no control characters or backslashes (PayloadManifest.checkRelative): one line each
            out.append(file.sha256()).append("  ./").append(file.path()).append('\n');
        }
        return out.toString();
    }
}
