package org.deskplane.delivery.api;

import java.time.Instant;

/**
 * A payload in the repository.
 *
 * @param manifest    its manifest, with every file listed and hashed
 * @param volumeLabel the label of its ISO image (unique per payload content): how the guest finds the disc
 * @param imageSize   bytes of its ISO image, 0 while none is built
 * @param imageSha256 the ISO image's digest, empty while none is built
 * @param created     when it was imported
 */
public record Payload(PayloadManifest manifest, String volumeLabel, long imageSize, String imageSha256, Instant created) {

    public PayloadRef ref() {
        return new PayloadRef(manifest.id(), manifest.version());
    }

    public long contentSize() {
        return manifest.totalSize();
    }
}
