package org.deskplane.delivery.spi;

import java.util.Objects;

import org.deskplane.delivery.api.PayloadManifest;

/**
 * A payload the guest is to process.
 *
 * @param jobId       unique per item and attempt; the guest uses it as idempotency key
 * @param manifest    the payload's manifest (the guest re-reads and checks the one on the media too)
 * @param volumeLabel the label of the payload's ISO image
 */
public record GuestJob(String jobId, PayloadManifest manifest, String volumeLabel) {

    public GuestJob {
        Objects.requireNonNull(jobId, "jobId");
        Objects.requireNonNull(manifest, "manifest");
    }
}
