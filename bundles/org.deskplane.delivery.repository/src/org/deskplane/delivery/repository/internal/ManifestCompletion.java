package org.deskplane.delivery.repository.internal;

import java.util.ArrayList;

import org.deskplane.delivery.api.DeliveryException;
import org.deskplane.delivery.api.DeliveryException.Reason;
import org.deskplane.delivery.api.ManifestException;
import org.deskplane.delivery.api.PayloadFile;
import org.deskplane.delivery.api.PayloadManifest;
import org.deskplane.delivery.api.Step;

/**
 * Turns the author's manifest into the stored one: every {@code file} line the author wrote must match the file
 * found (a mismatch names the file), every step must name a file the payload has, and the result lists every file
 * found with its digest and size — what the guest checks before it runs anything.
 */
final class ManifestCompletion {

    private ManifestCompletion() {
    }

    static PayloadManifest complete(StagedFiles staged) throws DeliveryException {
        if (staged.manifest() == null) {
            throw new DeliveryException(Reason.INVALID, "the payload has no " + PayloadManifest.FILE_NAME + " in its root");
        }
        PayloadManifest authored;
        try {
            authored = PayloadManifest.parse(staged.manifest());
        } catch (ManifestException e) {
            throw new DeliveryException(Reason.INVALID, PayloadManifest.FILE_NAME + ": " + e.getMessage(), e);
        }
        for (PayloadFile listed : authored.files()) {
            PayloadFile found = staged.byPath().get(listed.path());
            if (found == null) {
                throw new DeliveryException(Reason.INVALID, "the manifest lists " + listed.path() + " but the payload has no such file");
            }
            if (found.size() != listed.size() || !found.sha256().equals(listed.sha256())) {
                throw new DeliveryException(Reason.INVALID, listed.path() + " does not match the manifest (found " + found.size()
                        + " bytes, SHA-256 " + found.sha256() + "; the manifest says " + listed.size() + " bytes, " + listed.sha256() + ")");
            }
        }
        for (Step step : authored.steps()) {
            if (!staged.byPath().containsKey(step.source())) {
                throw new DeliveryException(Reason.INVALID, "step '" + step.kind().name().toLowerCase() + " " + step.source()
                        + "' names a file the payload does not have");
            }
        }
        try {
            return authored.withFiles(new ArrayList<>(staged.files().values()));
        } catch (IllegalArgumentException e) {
            throw new DeliveryException(Reason.INVALID, e.getMessage(), e);
        }
    }
}
