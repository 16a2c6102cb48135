package org.deskplane.delivery.spi;

import java.util.Objects;

/**
 * Where the guest finds a delivered payload.
 *
 * @param kind  how to read {@code value}
 * @param value a volume label (the guest looks for a CD-ROM or disk with this ISO 9660 label and mounts it
 *              read-only) or an absolute guest directory the payload was copied into
 */
public record MediaLocation(Kind kind, String value) {

    public enum Kind {
        VOLUME_LABEL, GUEST_DIRECTORY
    }

    public MediaLocation {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(value, "value");
    }

    public static MediaLocation label(String label) {
        return new MediaLocation(Kind.VOLUME_LABEL, label);
    }

    public static MediaLocation directory(String path) {
        return new MediaLocation(Kind.GUEST_DIRECTORY, path);
    }
}
